// Pickers: choosing an organisation among five hundred or a person among twenty thousand by typing
// part of the name. Each starts as markup that works without JavaScript (a select; a person's search
// box whose button sends the form back; a text area of names one per line) and becomes a combobox
// after the WAI-ARIA Authoring Practices' "editable combobox with list autocomplete":
// https://www.w3.org/WAI/ARIA/apg/patterns/combobox/
//
// Matching ignores case and the letters Azerbaijani and Russian add to the Latin and Cyrillic
// alphabets, as the server's search does (koordinat.core.text.fold): "seher" finds "Şəhər",
// "agdam" finds "Ağdam", "ежегодно" finds "ежегодно" written with ё.

const SPECIAL = { ə: "e", Ə: "e", ı: "i", I: "i", İ: "i", ё: "е", Ё: "е" };
const SHOWN = 50; // options drawn at most; the status says how many match
const DELAY = 200; // milliseconds of quiet typing before asking the server

export function fold(text) {
  const mapped = Array.from(text, (ch) => SPECIAL[ch] ?? ch).join("");
  return mapped
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .join(" ");
}

function matches(folded, words) {
  return words.every((word) => folded.includes(word));
}

// The words the page's language uses, written by base.html into #kd-picker-texts.
function texts() {
  const holder = document.getElementById("kd-picker-texts");
  const data = holder ? holder.dataset : {};
  return {
    none: data.noMatches || "No matches",
    count: data.matches || "%(count)s",
    added: data.added || "%(name)s",
    addOrganisation: data.addOrganisation || "",
  };
}

let counter = 0;

function labelOf(element) {
  if (!element.id) return null;
  return document.querySelector(`label[for="${CSS.escape(element.id)}"]`);
}

function labelId(label) {
  if (!label.id) {
    counter += 1;
    label.id = `kd-picker-label-${counter}`;
  }
  return label.id;
}

// The combobox itself: a text box, the list it controls, and a live region that says how many match.
// `source(query)` gives the options ({value, label, hint}) for what was typed, `choose(option)` takes one.
class Combobox {
  constructor({ id, label, source, choose, describedBy, invalid, required, text, keepText }) {
    this.source = source;
    this.choose = choose;
    this.keepText = keepText;
    this.words = texts();
    this.options = [];
    this.active = -1;
    this.request = 0;

    this.root = document.createElement("div");
    this.root.className = "kd-combobox";
    this.input = document.createElement("input");
    this.input.type = "text";
    this.input.id = id;
    this.input.className = "govuk-input kd-combobox__input" + (invalid ? " govuk-input--error" : "");
    this.input.autocomplete = "off";
    this.input.spellcheck = false;
    this.input.setAttribute("role", "combobox");
    this.input.setAttribute("aria-autocomplete", "list");
    this.input.setAttribute("aria-expanded", "false");
    this.input.value = text || "";
    this.chosenText = this.input.value;
    if (describedBy) this.input.setAttribute("aria-describedby", describedBy);
    if (invalid) this.input.setAttribute("aria-invalid", "true");
    if (required) this.input.required = true;

    this.list = document.createElement("ul");
    this.list.className = "kd-combobox__list";
    this.list.id = `${id}-listbox`;
    this.list.setAttribute("role", "listbox");
    if (label) this.list.setAttribute("aria-labelledby", labelId(label));
    this.list.hidden = true;
    this.input.setAttribute("aria-controls", this.list.id);

    this.empty = document.createElement("p");
    this.empty.className = "kd-combobox__empty";
    this.empty.textContent = this.words.none;
    this.empty.hidden = true;

    this.status = document.createElement("div");
    this.status.className = "govuk-visually-hidden";
    this.status.setAttribute("role", "status");

    this.root.append(this.input, this.list, this.empty, this.status);

    this.input.addEventListener("input", () => this.search());
    this.input.addEventListener("keydown", (event) => this.key(event));
    this.input.addEventListener("blur", () => this.blur());
    this.input.addEventListener("click", () => {
      if (this.list.hidden) this.search();
    });
    // Keep the focus in the text box when an option is clicked, so that blur does not close the list first.
    this.list.addEventListener("mousedown", (event) => event.preventDefault());
    this.list.addEventListener("click", (event) => {
      const item = event.target instanceof Element ? event.target.closest("[role=option]") : null;
      if (item) this.pick(Number(item.dataset.index));
    });
  }

  async search() {
    const query = this.input.value;
    const request = ++this.request;
    const found = await this.source(query);
    if (request !== this.request) return; // an answer to what was typed before
    this.show(found, query);
  }

  show(found, query) {
    this.options = found.slice(0, SHOWN);
    this.active = -1;
    this.list.replaceChildren(
      ...this.options.map((option, index) => {
        const item = document.createElement("li");
        item.id = `${this.input.id}-option-${index}`;
        item.className = "kd-combobox__option";
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        item.dataset.index = String(index);
        item.textContent = option.label;
        if (option.hint) {
          const hint = document.createElement("span");
          hint.className = "kd-combobox__hint";
          hint.textContent = option.hint;
          item.append(hint);
        }
        return item;
      }),
    );
    const open = this.options.length > 0;
    this.list.hidden = !open;
    this.empty.hidden = open || !query.trim();
    this.input.setAttribute("aria-expanded", String(open));
    this.input.removeAttribute("aria-activedescendant");
    this.status.textContent = open
      ? this.words.count.replace("%(count)s", String(found.length))
      : query.trim()
        ? this.words.none
        : "";
  }

  close() {
    this.list.hidden = true;
    this.empty.hidden = true;
    this.active = -1;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
  }

  move(step) {
    if (this.list.hidden) {
      this.search();
      return;
    }
    const count = this.options.length;
    if (!count) return;
    this.active = (this.active + step + count) % count;
    this.list.querySelectorAll("[role=option]").forEach((item, index) => {
      const on = index === this.active;
      item.setAttribute("aria-selected", String(on));
      item.classList.toggle("kd-combobox__option--active", on);
      if (on) {
        this.input.setAttribute("aria-activedescendant", item.id);
        item.scrollIntoView({ block: "nearest" });
      }
    });
  }

  key(event) {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      this.move(1);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      this.move(-1);
    } else if (event.key === "Enter" && !this.list.hidden && this.active >= 0) {
      event.preventDefault(); // choosing an option does not send the form
      this.pick(this.active);
    } else if (event.key === "Escape" && !this.list.hidden) {
      event.preventDefault();
      this.close();
    }
  }

  pick(index) {
    const option = this.options[index];
    if (!option) return;
    this.choose(option);
    this.input.value = this.keepText && option.value !== "" ? option.label : "";
    this.chosenText = this.input.value;
    this.close();
    if (!this.keepText) this.status.textContent = this.words.added.replace("%(name)s", option.label);
    this.input.focus();
  }

  // Leaving the box: what was typed but not chosen goes back to the choice; an emptied box clears it.
  blur() {
    this.close();
    if (!this.keepText) return;
    if (!this.input.value.trim() && this.chosenText && this.choose(null) !== false) {
      this.chosenText = "";
    } else if (this.input.value !== this.chosenText) {
      this.input.value = this.chosenText;
    }
  }
}

// A select of organisations (or of a short list of people): the options filter as one types.
function enhanceSelect(select) {
  const options = Array.from(select.options).map((option) => ({
    value: option.value,
    label: option.textContent.trim(),
    folded: fold(option.textContent),
  }));
  const blank = options.find((option) => option.value === "");
  const id = select.id;
  const label = labelOf(select);
  select.id = `${id}-select`;
  const box = new Combobox({
    id,
    label,
    describedBy: select.getAttribute("aria-describedby"),
    invalid: select.classList.contains("govuk-select--error"),
    required: select.required,
    text: select.value ? select.selectedOptions[0].textContent.trim() : "",
    keepText: true,
    source: async (query) => {
      const words = fold(query).split(" ").filter(Boolean);
      if (!words.length) return options;
      return options.filter((option) => option.value !== "" && matches(option.folded, words));
    },
    choose: (option) => {
      if (!option && !blank) return false; // a choice that must be made is not cleared
      const value = option ? option.value : "";
      if (select.value === value) return true;
      select.value = value;
      select.dispatchEvent(new Event("change", { bubbles: true }));
      return true;
    },
  });
  select.required = false; // the text box says so now; a hidden required select would block the form
  select.hidden = true;
  select.setAttribute("data-picker-enhanced", "");
  select.after(box.root);
}

function remoteSource(url) {
  let timer = 0;
  let controller = null;
  return (query) =>
    new Promise((resolve) => {
      clearTimeout(timer);
      if (!fold(query)) {
        resolve([]);
        return;
      }
      timer = setTimeout(async () => {
        if (controller) controller.abort();
        controller = new AbortController();
        try {
          const address = new URL(url, window.location.href);
          address.searchParams.set("q", query);
          const response = await fetch(address, {
            headers: { Accept: "application/json" },
            credentials: "same-origin",
            signal: controller.signal,
          });
          resolve(response.ok ? (await response.json()).results : []);
        } catch {
          resolve([]);
        }
      }, DELAY);
    });
}

// A person picker (directory.widgets.PersonPicker): asks the server as one types.
function enhancePeople(root) {
  const search = root.querySelector("[data-picker-search]");
  const source = remoteSource(root.dataset.pickerUrl);
  if (root.hasAttribute("data-picker-multiple")) {
    const chosen = root.querySelector("[data-picker-name]");
    const searchInput = search.querySelector("input");
    const box = new Combobox({
      id: searchInput.id,
      label: labelOf(searchInput),
      source,
      keepText: false,
      choose: (option) => {
        if (!option) return;
        const existing = Array.from(chosen.querySelectorAll("input[type=checkbox]")).find(
          (checkbox) => checkbox.value === option.value,
        );
        if (existing) {
          existing.checked = true;
          return;
        }
        chosen.querySelector(".kd-picker__none")?.remove();
        counter += 1;
        const item = document.createElement("div");
        item.className = "govuk-checkboxes__item";
        const checkbox = document.createElement("input");
        checkbox.className = "govuk-checkboxes__input";
        checkbox.type = "checkbox";
        checkbox.name = chosen.dataset.pickerName;
        checkbox.value = option.value;
        checkbox.id = `${searchInput.id}-chosen-${counter}`;
        checkbox.checked = true;
        const label = document.createElement("label");
        label.className = "govuk-label govuk-checkboxes__label";
        label.htmlFor = checkbox.id;
        label.textContent = option.label;
        item.append(checkbox, label);
        chosen.append(item);
      },
    });
    // The search box and its button give way to the combobox, under the same label.
    search.querySelector(".kd-picker__search-row").replaceWith(box.root);
    search.querySelector("[role=status]")?.remove();
    return;
  }
  const select = root.querySelector("select");
  const id = select.id;
  const label = labelOf(select);
  select.id = `${id}-select`;
  const blank = Array.from(select.options).some((option) => option.value === "");
  const box = new Combobox({
    id,
    label,
    describedBy: select.getAttribute("aria-describedby"),
    invalid: select.classList.contains("govuk-select--error"),
    required: select.required,
    text: select.value ? select.selectedOptions[0].textContent.trim() : "",
    keepText: true,
    source,
    choose: (option) => {
      if (!option) {
        if (!blank) return false;
        select.value = "";
        return true;
      }
      let choice = Array.from(select.options).find((item) => item.value === option.value);
      if (!choice) {
        choice = new Option(option.label, option.value);
        select.append(choice);
      }
      select.value = option.value;
      select.dispatchEvent(new Event("change", { bubbles: true }));
      return true;
    },
  });
  select.required = false;
  select.hidden = true;
  search.hidden = true;
  root.prepend(box.root);
}

// Organisations one per line (co-executors, invited organisations): the text area stays, for the names
// a plan's table gave; a combobox above it adds a name from the registry as a new line.
function enhanceLines(textarea) {
  const words = texts();
  counter += 1;
  const id = `${textarea.id || "kd-lines"}-add`;
  const label = document.createElement("label");
  label.className = "govuk-label govuk-label--s kd-combobox__label";
  label.htmlFor = id;
  label.textContent = words.addOrganisation;
  const box = new Combobox({
    id,
    label,
    source: remoteSource(textarea.dataset.pickerUrl),
    keepText: false,
    choose: (option) => {
      if (!option) return;
      const lines = textarea.value.split("\n").map((line) => line.trim()).filter(Boolean);
      if (!lines.some((line) => fold(line) === fold(option.label))) lines.push(option.label);
      textarea.value = lines.join("\n");
      textarea.dispatchEvent(new Event("change", { bubbles: true }));
    },
  });
  textarea.before(label, box.root);
}

export function initPickers(scope = document) {
  scope.querySelectorAll("select[data-picker=options]:not([data-picker-enhanced]):not([multiple])").forEach(enhanceSelect);
  scope.querySelectorAll("[data-picker=people]:not([data-picker-enhanced])").forEach((root) => {
    root.setAttribute("data-picker-enhanced", "");
    enhancePeople(root);
  });
  scope.querySelectorAll("textarea[data-picker=lines]:not([data-picker-enhanced])").forEach((textarea) => {
    textarea.setAttribute("data-picker-enhanced", "");
    enhanceLines(textarea);
  });
}
