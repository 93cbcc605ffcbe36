/** Topic taxonomy, tagging and the policy classifier. See docs/tagging.md. */

export { classify } from './classify.js';
export { type EvalItem, type EvalReport, evaluate, parseEvalItems } from './evaluate.js';
export { resolveTopic, TOPICS, topicAliasesForAutocomplete } from './resolve.js';
export type { Topic, TopicKind } from './taxonomy.js';
