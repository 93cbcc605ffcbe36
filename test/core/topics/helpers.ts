import type { StoryText } from '../../../src/core/types.js';

/** A story from a global media feed unless told otherwise. */
export function story(
  title: string,
  body = '',
  feed: Partial<StoryText['feed']> = {},
  categories: string[] = [],
): StoryText {
  return { title, body, categories, feed: { kind: 'media', jurisdictions: [], language: 'en', ...feed } };
}

/** A story from a regulator feed with the given default jurisdictions. */
export function regulatorStory(
  jurisdictions: string[],
  title: string,
  body = '',
  language = 'en',
): StoryText {
  return { title, body, categories: [], feed: { kind: 'regulator', jurisdictions, language } };
}
