import type { Translate } from "../i18n/strings";
import type { EmailResult } from "../model/protocol";
import { h } from "./dom";
import { guard } from "./guard";

export interface EmailFormOptions {
  t: Translate;
  send: (email: string) => Promise<EmailResult>;
  onClose: () => void;
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

export function isPlausibleEmail(value: string): boolean {
  return value.length <= 254 && emailPattern.test(value);
}

/**
 * "Email me these": an address and an explicit, unticked-by-default consent box. Nothing is sent without both.
 */
export function openEmailForm(slot: HTMLElement, options: EmailFormOptions): void {
  const { t } = options;
  const email = h("input", {
    type: "email",
    id: "cc-email-input",
    name: "email",
    autocomplete: "email",
    required: true,
    "data-testid": "cc-email-input",
  });
  const consent = h("input", { type: "checkbox", id: "cc-email-consent", name: "consent", "data-testid": "cc-email-consent" });
  const status = h("p", { class: "email-status", role: "status", "data-testid": "cc-email-status" });
  const submit = h("button", { type: "submit", class: "btn btn-primary", "data-testid": "cc-email-submit" }, t("emailSubmit"));
  const cancel = h("button", { type: "button", class: "btn", "data-testid": "cc-email-cancel" }, t("cancel"));
  const form = h(
    "form",
    { class: "email", id: "cc-email-form", "data-testid": "cc-email-form", "aria-labelledby": "cc-email-title", novalidate: true },
    h("h3", { id: "cc-email-title" }, t("emailTitle")),
    h("label", { for: "cc-email-input" }, t("emailLabel"), email),
    h("label", { class: "consent", for: "cc-email-consent" }, consent, h("span", {}, t("emailConsent"))),
    status,
    h("div", { class: "row" }, submit, cancel),
  );

  const close = () => {
    slot.replaceChildren();
    options.onClose();
  };
  cancel.addEventListener("click", guard(close));
  form.addEventListener(
    "keydown",
    guard((event: KeyboardEvent) => {
      if (event.key === "Escape") {
        event.stopPropagation();
        close();
      }
    }),
  );
  form.addEventListener(
    "submit",
    guard(async (event: Event) => {
      event.preventDefault();
      const address = email.value.trim();
      if (!isPlausibleEmail(address)) {
        status.textContent = t("emailInvalid");
        email.setAttribute("aria-invalid", "true");
        email.focus();
        return;
      }
      email.removeAttribute("aria-invalid");
      if (!consent.checked) {
        status.textContent = t("emailConsentRequired");
        consent.focus();
        return;
      }
      submit.disabled = true;
      status.textContent = "";
      const result = await options.send(address);
      submit.disabled = false;
      status.setAttribute("data-ok", String(result.ok));
      const code = result.error?.code;
      status.textContent = result.ok
        ? t("emailSent")
        : code === "invalid_email"
          ? t("emailInvalid")
          : code === "consent_required"
            ? t("emailConsentRequired")
            : t("emailError");
      if (result.ok) {
        email.value = "";
        consent.checked = false;
      }
    }),
  );
  slot.replaceChildren(form);
  email.focus();
}
