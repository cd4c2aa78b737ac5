// The form a server action reads. Next.js hands a submitted <form> to the action as FormData, but
// anyone can call the action with other arguments (a POST with a Next-Action header carries any);
// those read as an empty form, so the action answers with its own "missing" message, never a 500.
export function formOf(submitted: unknown): FormData {
  return submitted instanceof FormData ? submitted : new FormData();
}
