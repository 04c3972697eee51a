import { describe, expect, it } from 'vitest';
import { EventHub, reaches } from './event-hub';

describe('event audiences', () => {
  it('lets an event without audience reach everyone, and one with an audience only that rater', () => {
    expect(reaches(undefined, null)).toBe(true);
    expect(reaches(undefined, 3)).toBe(true);
    expect(reaches({ raterId: 3 }, 3)).toBe(true);
    expect(reaches({ raterId: 3 }, 4)).toBe(false);
    // A locked or signed-out window hears nothing meant for one person.
    expect(reaches({ raterId: 3 }, null)).toBe(false);
  });

  it('hands the audience to every listener with the event', () => {
    const hub = new EventHub();
    const heard: unknown[] = [];
    hub.subscribe((event, payload, audience) => heard.push([event, payload, audience]));
    hub.publish('data.changed', { area: 'recordings' });
    hub.publish('data.changed', { area: 'fragments', id: 1 }, { raterId: 9 });
    expect(heard).toEqual([
      ['data.changed', { area: 'recordings' }, undefined],
      ['data.changed', { area: 'fragments', id: 1 }, { raterId: 9 }],
    ]);
  });
});
