import { useContext, useEffect, useRef, useState } from "preact/hooks";
import { createContext } from "preact";
import type { DataSource } from "./data-source.js";

export const SourceContext = createContext<DataSource | undefined>(undefined);

export function useSource(): DataSource {
  const source = useContext(SourceContext);
  if (!source) throw new Error("no data source");
  return source;
}

export interface Loaded<T> {
  value: T | undefined;
  error: string | undefined;
  loading: boolean;
}

/**
 * Loads `load(source)` when `key` changes, and again when the files gain spans (live), at most
 * every 300 ms; the last answer stays on screen while the next one loads.
 */
export function useData<T>(key: string, load: (source: DataSource) => Promise<T>): Loaded<T> {
  const source = useSource();
  const [state, setState] = useState<Loaded<T>>({ value: undefined, error: undefined, loading: true });
  const latest = useRef(0);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let lastRun = 0;
    const run = () => {
      lastRun = Date.now();
      const request = ++latest.current;
      load(source).then(
        (value) => {
          if (!stopped && request === latest.current) setState({ value, error: undefined, loading: false });
        },
        (error: unknown) => {
          if (!stopped && request === latest.current) setState((old) => ({ value: old.value, error: error instanceof Error ? error.message : String(error), loading: false }));
        },
      );
    };
    setState((old) => ({ ...old, loading: true }));
    run();
    const unsubscribe = source.subscribe(() => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        run();
      }, Math.max(0, 300 - (Date.now() - lastRun)));
    });
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      unsubscribe();
    };
  }, [key, source]);
  return state;
}
