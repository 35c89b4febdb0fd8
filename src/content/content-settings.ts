import type { ContentField } from "../types/content-field.js";
import type { Redactor } from "./redaction/redactor.js";

/** How captured content is treated: what `content` options resolve to for the content path. */
export interface ContentSettings {
  /** "full": content, redacted; "metadata": no content; "hash": a SHA-256 of the content instead. */
  readonly mode: "full" | "metadata" | "hash";
  readonly fields: Readonly<Record<ContentField, boolean>>;
  /** Largest content attribute, in characters; longer content is cut with a visible marker. */
  readonly maxLength: number;
  /** Undefined when redaction is switched off. */
  readonly redactor: Redactor | undefined;
  /** "summary": requests, responses, sockets, streams and emitters are described, not walked. */
  readonly runtimeObjects: "summary" | "walk";
}
