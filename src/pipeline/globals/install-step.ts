import { diag } from "@opentelemetry/api";

/** Takes back what one install step did; safe to call once. */
export type Undo = () => void;

/** Installs one piece of global state; returns how to take it back, or nothing if it installed nothing. */
export type InstallStep = () => Undo | undefined;

/**
 * Runs the steps in order as one step: if any throws, those already run are undone (latest
 * first) and the error is rethrown, so a failed start leaves nothing behind. The returned undo
 * takes everything back, latest first; later calls do nothing.
 */
export function installAll(steps: readonly InstallStep[]): Undo {
  const undos: Undo[] = [];
  try {
    for (const step of steps) {
      const undo = step();
      if (undo) undos.push(undo);
    }
  } catch (error) {
    undoAll(undos);
    throw error;
  }
  return () => undoAll(undos);
}

function undoAll(undos: Undo[]): void {
  for (const undo of undos.splice(0).reverse()) {
    try {
      undo();
    } catch (error) {
      // One piece that cannot be taken back must not keep the others in place.
      diag.warn(`llmtrace: could not undo part of the tracing set-up: ${String(error)}`);
    }
  }
}
