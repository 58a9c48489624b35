import { authorName } from '../src/components/social/FeedSection';

test('authors with a public profile are shown by handle, others by id', () => {
  expect(authorName({ authorId: 'u-1', authorHandle: 'danatrades' })).toBe('@danatrades');
  expect(authorName({ authorId: 'u-2', authorHandle: null })).toBe('u-2');
});
