/**
 * A ref callback that focuses its element when it appears: an action's outcome (a build result, an error)
 * takes focus, so keyboard and screen-reader users land on it instead of on the page body.
 */
export function focusOnMount(element: HTMLElement | null): void {
  element?.focus();
}
