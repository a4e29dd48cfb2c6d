// Full-text search over what a user may read (issue 16 §4): Chinese by characters, two-character
// windows and Segmenter words, Latin by words, simplified and traditional alike; BM25 ranking,
// filters, highlighting, and a compact serialised form.
export * from './model'
export { SearchIndex } from './searchIndex'
export { normalizeForSearch, normalizeWithOffsets } from './normalize'
export { tokens, planQuery } from './tokenize'
export { excerpt, matchRanges, type Excerpt, type Range } from './highlight'
