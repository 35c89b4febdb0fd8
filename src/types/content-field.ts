/** The kinds of content that can be switched on and off one by one. */
export type ContentField = "inputs" | "outputs" | "systemPrompts" | "toolArguments" | "toolResults" | "documents";

export const CONTENT_FIELDS: readonly ContentField[] = ["inputs", "outputs", "systemPrompts", "toolArguments", "toolResults", "documents"];

/** Largest content attribute, in characters, unless `content.maxLength` says otherwise. */
export const DEFAULT_MAX_CONTENT_LENGTH = 32 * 1024;
