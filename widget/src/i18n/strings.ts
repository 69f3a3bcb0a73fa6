/** Every text the widget itself shows (shop texts such as the greeting come from the merchant). */
const en = {
  launcherLabel: "Chat with us",
  panelTitle: "Shopping assistant",
  greeting: "Hi! Tell me who you're shopping for, or what you need, and I'll find it.",
  close: "Close chat",
  inputLabel: "Your message",
  inputPlaceholder: "Ask about products, gifts, sizes…",
  send: "Send",
  typing: "The assistant is typing…",
  connecting: "Connecting…",
  reconnecting: "Connection lost. Reconnecting…",
  offline: "You're offline. Your messages will be sent when the connection is back.",
  reconnect: "Reconnect",
  errorRateLimited: "You're sending messages quickly. Please wait a moment, then try again.",
  errorTooLong: "That message is too long. Please keep it under {max} characters.",
  errorEmpty: "Please type a message first.",
  errorUnavailable: "The assistant can't answer right now. Please try again in a moment.",
  errorSession: "Your chat session expired. Reconnecting…",
  errorGeneric: "Something went wrong. Please try again.",
  errorTimeout: "This is taking longer than usual.",
  retry: "Try again",
  dismiss: "Dismiss",
  notSent: "Not sent",
  sending: "Sending…",
  you: "You",
  assistant: "Assistant",
  merchant: "Store team",
  system: "Notice",
  viaChannel: "via {channel}",
  quickReplies: "Suggested replies",
  products: "Suggested products",
  inStock: "In stock",
  soldOut: "Sold out",
  price: "Price: {price}",
  wasPrice: "Was {price}",
  addToCart: "Add to cart",
  adding: "Adding…",
  addedToCart: "Added to your cart: {title}",
  viewCart: "View cart",
  cartError: "Couldn't add this to your cart: {reason}",
  viewProduct: "View product",
  continueWhatsApp: "Continue on WhatsApp",
  whatsAppOpened: "WhatsApp opened in a new tab. Send the prefilled message to carry on there.",
  whatsAppError: "WhatsApp isn't available for this shop right now.",
  emailMe: "Email me these",
  emailTitle: "Get this conversation by email",
  emailLabel: "Email address",
  emailConsent: "I agree to receive this conversation and these product suggestions by email.",
  emailSubmit: "Send",
  cancel: "Cancel",
  emailSent: "Sent. Check your inbox in a few minutes.",
  emailInvalid: "Please enter a valid email address.",
  emailConsentRequired: "Please tick the box to agree to receive the email.",
  emailError: "We couldn't send the email. Please try again later.",
};

export type StringKey = keyof typeof en;
export type StringTable = Record<StringKey, string>;

const fr: StringTable = {
  launcherLabel: "Discutons",
  panelTitle: "Assistant d'achat",
  greeting: "Bonjour ! Dites-moi pour qui vous cherchez, ou ce qu'il vous faut, et je le trouve.",
  close: "Fermer la discussion",
  inputLabel: "Votre message",
  inputPlaceholder: "Posez une question sur un produit, un cadeau, une taille…",
  send: "Envoyer",
  typing: "L'assistant écrit…",
  connecting: "Connexion…",
  reconnecting: "Connexion perdue. Reconnexion…",
  offline: "Vous êtes hors ligne. Vos messages partiront dès le retour de la connexion.",
  reconnect: "Se reconnecter",
  errorRateLimited: "Vous envoyez des messages très vite. Patientez un instant, puis réessayez.",
  errorTooLong: "Ce message est trop long. Limitez-le à {max} caractères.",
  errorEmpty: "Écrivez d'abord un message.",
  errorUnavailable: "L'assistant ne peut pas répondre pour le moment. Réessayez dans un instant.",
  errorSession: "Votre session a expiré. Reconnexion…",
  errorGeneric: "Un problème est survenu. Veuillez réessayer.",
  errorTimeout: "Cela prend plus de temps que d'habitude.",
  retry: "Réessayer",
  dismiss: "Fermer",
  notSent: "Non envoyé",
  sending: "Envoi…",
  you: "Vous",
  assistant: "Assistant",
  merchant: "L'équipe de la boutique",
  system: "Information",
  viaChannel: "via {channel}",
  quickReplies: "Réponses suggérées",
  products: "Produits suggérés",
  inStock: "En stock",
  soldOut: "Épuisé",
  price: "Prix : {price}",
  wasPrice: "Avant {price}",
  addToCart: "Ajouter au panier",
  adding: "Ajout…",
  addedToCart: "Ajouté à votre panier : {title}",
  viewCart: "Voir le panier",
  cartError: "Impossible d'ajouter au panier : {reason}",
  viewProduct: "Voir le produit",
  continueWhatsApp: "Continuer sur WhatsApp",
  whatsAppOpened: "WhatsApp s'est ouvert dans un nouvel onglet. Envoyez le message prérempli pour continuer.",
  whatsAppError: "WhatsApp n'est pas disponible pour cette boutique pour le moment.",
  emailMe: "M'envoyer par e-mail",
  emailTitle: "Recevoir cette conversation par e-mail",
  emailLabel: "Adresse e-mail",
  emailConsent: "J'accepte de recevoir cette conversation et ces suggestions de produits par e-mail.",
  emailSubmit: "Envoyer",
  cancel: "Annuler",
  emailSent: "Envoyé. Consultez votre boîte de réception d'ici quelques minutes.",
  emailInvalid: "Saisissez une adresse e-mail valide.",
  emailConsentRequired: "Cochez la case pour accepter de recevoir l'e-mail.",
  emailError: "L'e-mail n'a pas pu être envoyé. Réessayez plus tard.",
};

// A partial table is allowed: a missing key falls back to English rather than showing a key name.
const de: Partial<StringTable> = {
  launcherLabel: "Chatten Sie mit uns",
  panelTitle: "Einkaufsassistent",
  greeting: "Hallo! Sagen Sie mir, für wen Sie suchen oder was Sie brauchen, und ich finde es.",
  close: "Chat schließen",
  inputLabel: "Ihre Nachricht",
  inputPlaceholder: "Fragen Sie nach Produkten, Geschenken, Größen…",
  send: "Senden",
  typing: "Der Assistent schreibt…",
  connecting: "Verbinden…",
  reconnecting: "Verbindung unterbrochen. Neuer Versuch…",
  errorRateLimited: "Sie senden sehr schnell. Bitte warten Sie einen Moment und versuchen Sie es erneut.",
  errorTooLong: "Die Nachricht ist zu lang. Bitte höchstens {max} Zeichen.",
  errorUnavailable: "Der Assistent kann gerade nicht antworten. Bitte versuchen Sie es gleich noch einmal.",
  errorGeneric: "Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.",
  retry: "Erneut versuchen",
  you: "Sie",
  inStock: "Auf Lager",
  soldOut: "Ausverkauft",
  addToCart: "In den Warenkorb",
  addedToCart: "Zum Warenkorb hinzugefügt: {title}",
  viewCart: "Warenkorb ansehen",
  viewProduct: "Produkt ansehen",
  continueWhatsApp: "Auf WhatsApp weiterschreiben",
  emailMe: "Per E-Mail senden",
  emailLabel: "E-Mail-Adresse",
  emailConsent: "Ich bin einverstanden, dieses Gespräch und diese Produktvorschläge per E-Mail zu erhalten.",
  emailSubmit: "Senden",
  cancel: "Abbrechen",
};

const tables: Record<string, Partial<StringTable>> = { en, fr, de };

export const supportedLanguages: readonly string[] = Object.keys(tables);

export type Translate = (key: StringKey, values?: Record<string, string | number>) => string;

/**
 * The language to speak: the merchant's explicit setting wins, then the storefront's locale (e.g. "fr-CA" →
 * "fr"), then English. Unknown languages fall back to English.
 */
export function resolveLanguage(setting: string | null | undefined, ...candidates: (string | null | undefined)[]): string {
  const wanted = setting && setting !== "auto" ? [setting, ...candidates] : candidates;
  for (const candidate of wanted) {
    const base = (candidate ?? "").trim().toLowerCase().split(/[-_]/)[0] ?? "";
    if (base && base in tables) return base;
  }
  return "en";
}

export function translator(language: string): Translate {
  const table = tables[language] ?? en;
  return (key, values) => {
    const template = table[key] ?? en[key] ?? key;
    if (!values) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
      Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole,
    );
  };
}
