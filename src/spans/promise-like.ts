// How builders and decorators tell that a result settles later, and watch it without changing it:
// the caller gets the very object the user's code returned.

const nativeThen = Promise.prototype.then;

/**
 * Whether `value` is promise-like: a thenable, an object or function with a callable `then`. A
 * `then` getter that throws makes it none (the value was returned; reading it must not fail it).
 */
export function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  if ((typeof value !== "object" && typeof value !== "function") || value === null) return false;
  try {
    return typeof (value as { then?: unknown }).then === "function";
  } catch {
    return false;
  }
}

/**
 * Calls `onFulfilled` or `onRejected` (once, guarded) when `promise` settles, and leaves it as it
 * was: the code that holds it keeps its methods, its value and its rejection.
 *
 * - A promise whose `then` is the platform's own (a native promise, from any realm, or a subclass
 *   that keeps `then`) is watched at once: its `then` does nothing but subscribe.
 * - Any other thenable is watched when the application's code first uses it, never by calling its
 *   `then` ahead of that: OpenAI's and Anthropic's `APIPromise` read the response body in `then`
 *   (so `.asResponse()` would find it already read), and a query builder runs its query on every
 *   `then` (so watching it would run the query twice).
 *
 * Returns false when `promise` cannot be watched (a frozen thenable): the caller ends its span now.
 */
export function whenSettled(promise: PromiseLike<unknown>, onFulfilled: (value: unknown) => void, onRejected: (error: unknown) => void): boolean {
  let settled = false;
  const fulfilled = (value: unknown): void => {
    if (settled) return;
    settled = true;
    guarded(() => onFulfilled(value));
  };
  const rejected = (error: unknown): void => {
    if (settled) return;
    settled = true;
    guarded(() => onRejected(error));
  };
  try {
    const then = promise.then as Method;
    const isPromise = then === nativeThen || promise instanceof Promise || Object.prototype.toString.call(promise) === "[object Promise]";
    if (then === nativeThen || (isPromise && isNativeFunction(then))) {
      // Neither handler throws, so the chain this starts never rejects.
      then.call(promise, fulfilled, rejected);
      return true;
    }
    if (!Object.isExtensible(promise)) return false;
    if (isPromise) watchPromiseOnUse(promise, then, fulfilled, rejected);
    else watchThenableOnUse(promise, then, fulfilled, rejected);
    return true;
  } catch {
    return false;
  }
}

type Method = (this: unknown, ...args: unknown[]) => unknown;

/**
 * A promise with a `then` of its own (the providers' `APIPromise`) holds one outcome: once the
 * application asks for it (`then`, `catch`, `finally`, `withResponse`), asking again through the
 * original `then` runs nothing twice. `asResponse()` hands the raw response over unread, so a
 * promise used only that way is done when the response arrives, with no value to record.
 */
function watchPromiseOnUse(promise: object, then: Method, fulfilled: (value: unknown) => void, rejected: (error: unknown) => void): void {
  let watching = false;
  const watch = (): void => {
    if (watching) return;
    watching = true;
    guarded(() => then.call(promise, fulfilled, rejected));
  };
  for (const name of ["then", "catch", "finally", "withResponse"]) {
    patch(promise, name, (original) =>
      function (this: unknown, ...args: unknown[]) {
        watch();
        return original.apply(this, args);
      },
    );
  }
  patch(promise, "asResponse", (original) =>
    function (this: unknown, ...args: unknown[]) {
      const response = original.apply(this, args);
      // Inside withResponse() (or after any other use) the value is being watched already.
      if (!watching && isPromiseLike(response)) guarded(() => nativeThen.call(Promise.resolve(response), () => fulfilled(undefined), rejected));
      return response;
    },
  );
}

/**
 * A thenable that is not a promise may run its work on every `then` (a query builder). Its `then`
 * is wrapped so the application's own calls report the outcome, on their way to its callbacks.
 */
function watchThenableOnUse(thenable: object, then: Method, fulfilled: (value: unknown) => void, rejected: (error: unknown) => void): void {
  patch(thenable, "then", () =>
    function (this: unknown, onFulfilled?: unknown, onRejected?: unknown) {
      return then.call(
        this,
        (value: unknown) => {
          fulfilled(value);
          return typeof onFulfilled === "function" ? onFulfilled(value) : value;
        },
        (error: unknown) => {
          rejected(error);
          if (typeof onRejected === "function") return onRejected(error);
          throw error;
        },
      );
    },
  );
}

/** Shadows `target[name]` with an own, non-enumerable method built from the original, if it is one. */
function patch(target: object, name: string, wrap: (original: Method) => Method): void {
  const original = (target as Record<string, unknown>)[name];
  if (typeof original !== "function") return;
  Object.defineProperty(target, name, { value: wrap(original as Method), writable: true, configurable: true, enumerable: false });
}

function isNativeFunction(fn: unknown): boolean {
  return typeof fn === "function" && Function.prototype.toString.call(fn).endsWith("{ [native code] }");
}

function guarded(callback: () => void): void {
  try {
    callback();
  } catch {
    // Watching a result is tracing's business; it never fails the application.
  }
}
