// Keyboard and focus help for the sale form: Enter goes to the next field (as on a paper form; a hand-held barcode
// scanner ends its digits with Enter too), and a refused save brings the first field in error into view with focus.

const fieldsInOrder = 'input:not([type=hidden]):not([type=radio]):not([type=checkbox]):not([type=file]):not([disabled]):not([readonly]), textarea:not([disabled])';
const focusable = 'input:not([type=hidden]):not([disabled]), textarea:not([disabled]), select:not([disabled]), button:not([disabled]), [tabindex]:not([tabindex="-1"])';

function visible(element) {
    return element.offsetParent !== null || element.getClientRects().length > 0;
}

export function enterMovesToNextField(form) {
    if (!form || form.dataset.enterMoves) {
        return;
    }
    form.dataset.enterMoves = "true";
    form.addEventListener("keydown", event => {
        const field = event.target;
        if (event.key !== "Enter" || event.isComposing || event.shiftKey || event.ctrlKey || event.altKey
            || !(field instanceof HTMLInputElement) || !field.matches(fieldsInOrder)) {
            return;
        }
        const fields = [...form.querySelectorAll(fieldsInOrder)].filter(visible);
        const next = fields[fields.indexOf(field) + 1];
        event.preventDefault();
        if (next) {
            next.focus();
        } else {
            field.blur();
        }
    });
}

/** Scrolls the field's block to the middle of the screen (clear of the app bar and the bottom navigation) and focuses it. */
export function focusField(id) {
    const anchor = document.getElementById(id);
    if (!anchor) {
        return false;
    }
    anchor.scrollIntoView({ block: "center" });
    const target = [...anchor.querySelectorAll(focusable)].find(visible) ?? anchor.querySelector(focusable);
    target?.focus({ preventScroll: true });
    return true;
}

/** The first field in error in the page's order. */
export function focusFirstError() {
    const first = document.querySelector("[data-field-error]");
    return first ? focusField(first.id) : false;
}
