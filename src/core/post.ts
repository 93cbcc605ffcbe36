import type { Post } from './types.js';

/** The platform-neutral post for a stored story (any object with a story's fields). */
export function toPost(story: Omit<Post, 'storyId'> & { id: number }): Post {
  return {
    storyId: story.id,
    title: story.title,
    url: story.url,
    summary: story.summary,
    sources: story.sources,
    publishedAt: story.publishedAt,
    topics: story.topics,
    policy: story.policy,
  };
}
