import { createContext } from "preact";
import { useContext, useEffect, useRef, useState } from "preact/hooks";
import { type DataSource, isNewer, type Version, type Versioned } from "./data-source.js";

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
 * Loads `load(source)` when `key` changes, and again when the files reach a state newer than the
 * one this data came from (live), at most every 300 ms; the last answer stays on screen while the
 * next one loads. Each view keeps its own version, so one view's answer never hides another's news.
 */
export function useData<T>(key: string, load: (source: DataSource) => Promise<Versioned<T>>): Loaded<T> {
  const source = useSource();
  const [state, setState] = useState<Loaded<T>>({ value: undefined, error: undefined, loading: true });
  const latest = useRef(0);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let lastRun = 0;
    let loaded: Version | undefined;
    let newest: Version | undefined;
    let inFlight = false;
    // One request at a time: a slow answer is shown, not overtaken by the next (which would never
    // let any answer through while spans keep arriving); news meanwhile is asked for after it.
    const run = () => {
      lastRun = Date.now();
      inFlight = true;
      const request = ++latest.current;
      const done = () => {
        inFlight = false;
        if (!stopped && newest && isNewer(newest, loaded)) schedule();
      };
      load(source).then(
        ({ value, version }) => {
          if (stopped || request !== latest.current) return;
          loaded = version;
          setState({ value, error: undefined, loading: false });
          done();
        },
        (error: unknown) => {
          if (stopped || request !== latest.current) return;
          setState((old) => ({ value: old.value, error: error instanceof Error ? error.message : String(error), loading: false }));
          done();
        },
      );
    };
    const schedule = () => {
      if (timer || inFlight) return;
      timer = setTimeout(() => {
        timer = undefined;
        run();
      }, Math.max(0, 300 - (Date.now() - lastRun)));
    };
    setState((old) => ({ ...old, loading: true }));
    run();
    const unsubscribe = source.subscribe((version) => {
      newest = version;
      // Also after a failed first load (the viewer restarting): any news is worth another try.
      if (isNewer(version, loaded)) schedule();
    });
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      unsubscribe();
    };
  }, [key, source]);
  return state;
}
