// The demo storefront's own script: what a Shopify theme would do (catalog grid, product view, cart count).
// Catalog text is set with textContent only.
(function () {
  "use strict";
  var shop = "demo-store.myshopify.com";
  window.Shopify = window.Shopify || { shop: shop, locale: "en", routes: { root: "/" }, currency: { active: "USD", rate: "1.0" } };
  var money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function imageFor(handle, color) {
    return "/demo-assets/products/" + encodeURIComponent(handle) + ".svg" + (color ? "?color=" + encodeURIComponent(color.toLowerCase().replace(/\s+/g, "-")) : "");
  }

  function refreshCartCount() {
    fetch("/cart.js", { headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (cart) {
        if (!cart) return;
        document.querySelectorAll("[data-testid=demo-cart-count]").forEach(function (n) { n.textContent = String(cart.item_count); });
      })
      .catch(function () {});
  }

  function productCard(p) {
    var li = el("li", "product");
    var a = el("a", "product-link");
    a.href = "/products/" + encodeURIComponent(p.handle);
    a.setAttribute("data-testid", "demo-product");
    var img = el("img");
    img.src = imageFor(p.handle);
    img.alt = "";
    img.loading = "lazy";
    img.width = 400;
    img.height = 400;
    var media = el("div", "product-media");
    media.appendChild(img);
    a.appendChild(media);
    a.appendChild(el("p", "product-vendor", p.vendor));
    a.appendChild(el("h3", "product-title", p.title));
    var price = p.minPrice === p.maxPrice ? money.format(p.minPrice) : "From " + money.format(p.minPrice);
    a.appendChild(el("p", "product-price", price));
    if (!p.available) a.appendChild(el("p", "badge", "Sold out"));
    li.appendChild(a);
    return li;
  }

  function loadGrid() {
    var grid = document.getElementById("product-grid");
    fetch("/api/shops/" + shop + "/products?limit=250", { headers: { Accept: "application/json" } })
      .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
      .then(function (page) {
        var items = page.items || [];
        // A varied shelf: every n-th product of the alphabetical list, so the categories mix.
        var step = Math.max(1, Math.floor(items.length / 12));
        var picked = [];
        for (var i = 0; i < items.length && picked.length < 12; i += step) picked.push(items[i]);
        picked.forEach(function (p) { grid.appendChild(productCard(p)); });
        var collage = document.getElementById("hero-collage");
        picked.filter(function (p, i) { return i % 3 === 1; }).slice(0, 4).forEach(function (p) {
          var li = el("li");
          var img = el("img");
          img.src = imageFor(p.handle);
          img.alt = "";
          li.appendChild(img);
          collage.appendChild(li);
        });
        var total = document.querySelector("[data-testid=demo-product-total]");
        if (total) total.textContent = page.total + " products in the shop";
      })
      .catch(function () { document.getElementById("product-error").hidden = false; })
      .then(function () { grid.setAttribute("aria-busy", "false"); });
  }

  function plainText(html) {
    // DOMParser builds an inert document: nothing in the description runs.
    var doc = new DOMParser().parseFromString(String(html || ""), "text/html");
    return (doc.body.textContent || "").trim();
  }

  function showProduct(handle) {
    var section = document.getElementById("product-detail");
    fetch("/api/shops/" + shop + "/products/" + encodeURIComponent(handle), { headers: { Accept: "application/json" } })
      .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
      .then(function (p) {
        section.replaceChildren();
        var variants = (p.variants || []).slice().sort(function (a, b) { return a.position - b.position; });
        var colorSlot = p.option1Name === "Color" ? "option1" : p.option2Name === "Color" ? "option2" : p.option3Name === "Color" ? "option3" : null;
        var img = el("img", "detail-image");
        img.alt = p.title;
        img.src = imageFor(p.handle);
        var info = el("div", "detail-info");
        info.appendChild(el("p", "product-vendor", p.vendor));
        info.appendChild(el("h2", null, p.title));
        var price = el("p", "detail-price");
        info.appendChild(price);
        var select = el("select");
        select.setAttribute("aria-label", "Variant");
        variants.forEach(function (v) {
          var o = el("option", null, v.title === "Default Title" ? p.title : v.title);
          o.value = String(v.shopifyId);
          select.appendChild(o);
        });
        if (variants.length > 1) info.appendChild(select);
        var button = el("button", "button button-primary", "Add to cart");
        button.type = "button";
        var status = el("p", "muted");
        status.setAttribute("role", "status");
        function current() { return variants.find(function (v) { return String(v.shopifyId) === select.value; }) || variants[0]; }
        function paint() {
          var v = current();
          if (!v) return;
          price.textContent = money.format(v.price) + (v.compareAtPrice && v.compareAtPrice > v.price ? " (was " + money.format(v.compareAtPrice) + ")" : "");
          var available = !v.inventoryTracked || v.inventoryPolicy === 1 || v.inventoryPolicy === "Continue" || v.inventoryQuantity > 0;
          button.disabled = !available;
          button.textContent = available ? "Add to cart" : "Sold out";
          if (colorSlot && v[colorSlot]) img.src = imageFor(p.handle, v[colorSlot]);
        }
        select.addEventListener("change", paint);
        button.addEventListener("click", function () {
          var v = current();
          fetch("/cart/add.js", { method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" }, body: JSON.stringify({ items: [{ id: v.shopifyId, quantity: 1 }] }) })
            .then(function (r) { return r.json().then(function (b) { return { ok: r.ok, body: b }; }); })
            .then(function (res) {
              status.textContent = res.ok ? "Added to your cart." : res.body.description || "Could not add to cart.";
              if (res.ok) document.dispatchEvent(new CustomEvent("cart:updated", { bubbles: true, detail: res.body }));
            });
        });
        info.appendChild(button);
        info.appendChild(status);
        info.appendChild(el("p", "detail-body", plainText(p.bodyHtml)));
        section.appendChild(img);
        section.appendChild(info);
        section.hidden = false;
        paint();
        section.scrollIntoView({ block: "start" });
      })
      .catch(function () { section.hidden = true; });
  }

  document.addEventListener("cart:updated", refreshCartCount);
  document.addEventListener("DOMContentLoaded", function () {
    loadGrid();
    refreshCartCount();
    var handle = new URLSearchParams(location.search).get("product");
    if (handle) showProduct(handle);
    document.querySelectorAll("[data-open-chat]").forEach(function (b) {
      b.addEventListener("click", function () {
        if (window.ConversationalCommerceChat) window.ConversationalCommerceChat.open();
      });
    });
  });
})();
