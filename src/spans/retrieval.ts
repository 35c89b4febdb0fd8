import { type Attributes, SpanKind } from "@opentelemetry/api";
import {
  ATTR_AI_DESCRIPTION,
  ATTR_AI_RETRIEVAL_DOCUMENT_COUNT,
  ATTR_AI_RETRIEVAL_DOCUMENTS,
  ATTR_AI_RETRIEVAL_QUERY,
  ATTR_AI_RETRIEVAL_TOP_K,
  ATTR_GEN_AI_DATA_SOURCE_ID,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_OI_RETRIEVAL_DOCUMENTS,
} from "../conventions/attribute-keys.js";
import { kindAttributes, writeContent } from "../conventions/span-attributes.js";
import type { InstrumentationSettings } from "../settings/instrumentation-settings.js";
import { type BuildRequest, defineBuilder } from "./build-span.js";
import { numberOption, stringOption } from "./parse-args.js";
import { type EndListener, SpanHandle, type StartedSpan, startSpan } from "./span-handle.js";

export interface RetrievalOptions {
  /** Record the process's CPU time, heap and RSS change and file-system reads and writes over this span. @default false */
  resourceUsage?: boolean;
  /** Names the span `retrieval.<name>`; defaults to the data source, then "search". */
  name?: string;
  /** The search query, through the content path. */
  query?: unknown;
  /** Which index, collection or store was searched. */
  dataSource?: string;
  topK?: number;
  attributes?: Attributes;
}

export interface RetrievedDocument {
  id?: string;
  score?: number;
  /** The document text: recorded only when content capture is on. */
  content?: unknown;
  metadata?: Readonly<Record<string, unknown>>;
}

export interface RetrievalResult {
  documents: readonly RetrievedDocument[];
}

/** Most documents whose ids and scores are listed one by one; the count is always exact. */
const MAX_LISTED_DOCUMENTS = 100;

/** A search over a knowledge base: query in, ranked documents out (`end({ documents })`). */
export class RetrievalHandle extends SpanHandle {
  constructor(started: StartedSpan, settings: InstrumentationSettings, onEnd?: EndListener, query?: unknown) {
    super("retrieval", started, settings, onEnd);
    if (query === undefined || !this.recording) return;
    const text = this.content(query, ATTR_AI_RETRIEVAL_QUERY, "inputs");
    if (text === undefined) return;
    const attributes: Attributes = {};
    writeContent(attributes, "input", text, settings.profiles, true);
    if (settings.profiles.ai) attributes[ATTR_AI_RETRIEVAL_QUERY] = text;
    this.span.setAttributes(attributes);
  }

  override end(result?: RetrievalResult | readonly RetrievedDocument[] | unknown): void {
    super.end(result);
  }

  protected override finish(attributes: Attributes, result: unknown): void {
    const documents = readDocuments(result);
    if (!documents) {
      super.finish(attributes, result);
      return;
    }
    const flags = this.settings.profiles;
    const listed = documents.slice(0, MAX_LISTED_DOCUMENTS);
    if (flags.ai) {
      attributes[ATTR_AI_RETRIEVAL_DOCUMENT_COUNT] = documents.length;
      // Ids and scores are not content: they are kept when content capture is off.
      attributes[ATTR_AI_RETRIEVAL_DOCUMENTS] = JSON.stringify(listed.map((d) => ({ id: stringOption(d.id), score: numberOption(d.score) })));
    }
    if (flags.openinference) {
      listed.forEach((document, i) => {
        const prefix = `${ATTR_OI_RETRIEVAL_DOCUMENTS}.${i}.document.`;
        const id = stringOption(document.id);
        const score = numberOption(document.score);
        if (id !== undefined) attributes[`${prefix}id`] = id;
        if (score !== undefined) attributes[`${prefix}score`] = score;
        const text = this.content(document.content, `${prefix}content`, "documents");
        if (text !== undefined) attributes[`${prefix}content`] = text;
      });
    }
    const text = this.content(listed, "output", "documents");
    if (text !== undefined) writeContent(attributes, "output", text, flags);
  }
}

function readDocuments(result: unknown): readonly RetrievedDocument[] | undefined {
  const list = Array.isArray(result) ? result : (result as { documents?: unknown } | null | undefined)?.documents;
  if (!Array.isArray(list)) return undefined;
  return list.filter((d): d is RetrievedDocument => typeof d === "object" && d !== null);
}

function createRetrieval({ description, options, parent, settings, onEnd }: BuildRequest<RetrievalOptions>): RetrievalHandle {
  const dataSource = stringOption(options.dataSource);
  const name = stringOption(options.name) ?? dataSource ?? "search";
  const flags = settings.profiles;
  const attributes: Attributes = kindAttributes("retrieval", name, flags);
  const topK = numberOption(options.topK);
  if (flags.ai) {
    if (description !== undefined) attributes[ATTR_AI_DESCRIPTION] = description;
    if (topK !== undefined) attributes[ATTR_AI_RETRIEVAL_TOP_K] = topK;
  }
  if (flags.genAi) {
    attributes[ATTR_GEN_AI_OPERATION_NAME] = "retrieval";
    if (dataSource) attributes[ATTR_GEN_AI_DATA_SOURCE_ID] = dataSource;
  }
  Object.assign(attributes, options.attributes);
  const started = startSpan(`retrieval.${name}`, parent, attributes, SpanKind.INTERNAL, settings);
  return new RetrievalHandle(started, settings, onEnd, options.query);
}

export const retrievalBuilder = defineBuilder<RetrievalOptions, RetrievalHandle>("retrieval", createRetrieval, (started, settings) => new RetrievalHandle(started, settings));
