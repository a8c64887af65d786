import { card, markdown, text, title, type Card, type WidgetRoot } from '@atrium/widgets';
import { diffWidget, streamWidgetStates, WidgetItemStream } from './widget-stream';

const state = (log: string, heading = 'Working', streaming = true): Card =>
  card([title(heading), text(log, { id: 'log', streaming }), markdown('', { id: 'md', streaming })]);

describe('diffWidget (ChatKit §6.4 diff rule)', () => {
  it('sends appended Text values of nodes with ids as value deltas', () => {
    expect(diffWidget(state('a'), state('abc'))).toEqual([
      { type: 'widget.streaming_text.value_delta', component_id: 'log', delta: 'bc', done: false },
    ]);
  });

  it('marks a delta done when the node no longer streams… by a full update, since streaming is a prop', () => {
    // `streaming` changed true → false: a prop change, so the whole root is replaced.
    expect(diffWidget(state('a'), state('ab', 'Working', false))).toEqual([{ type: 'widget.root.updated', widget: state('ab', 'Working', false) }]);
    // A node that never streams sends done: true with each delta.
    const before = card([text('a', { id: 't' })]);
    const after = card([text('ab', { id: 't' })]);
    expect(diffWidget(before, after)).toEqual([{ type: 'widget.streaming_text.value_delta', component_id: 't', delta: 'b', done: true }]);
  });

  it('replaces the root when anything but an appended value changes', () => {
    const cases: [WidgetRoot, WidgetRoot][] = [
      [state('a'), state('a', 'Done')], // other prop
      [state('abc'), state('xbc')], // non-append edit
      [card([text('a', { id: 'x' })]), card([text('ab', { id: 'y' })])], // id changed
      [card([text('a')]), card([text('a'), text('b')])], // child list length
      [card([text('a', { key: 'k1' })]), card([text('a', { key: 'k2' })])], // key changed
      [card([text('a')]), card([title('a')])], // type changed
    ];
    for (const [before, after] of cases) expect(diffWidget(before, after)).toEqual([{ type: 'widget.root.updated', widget: after }]);
  });

  it('sends nothing when nothing changed, and ignores appended text on nodes without id', () => {
    expect(diffWidget(state('a'), state('a'))).toEqual([]);
    expect(diffWidget(card([text('a')]), card([text('ab')]))).toEqual([]);
  });

  it('finds streamed nodes in nested children', () => {
    const before = card([{ type: 'Row', children: [{ type: 'Col', children: [markdown('- a\n', { id: 'deep', streaming: true })] }] }]);
    const after = card([{ type: 'Row', children: [{ type: 'Col', children: [markdown('- a\n- b\n', { id: 'deep', streaming: true })] }] }]);
    expect(diffWidget(before, after)).toEqual([{ type: 'widget.streaming_text.value_delta', component_id: 'deep', delta: '- b\n', done: false }]);
  });
});

describe('widget item streams', () => {
  it('emits added → updated… → done with the final state', () => {
    const s = new WidgetItemStream('msg_1', 'thr_1', state(''), 'copy');
    const events = [s.added(), ...s.update(state('a')), ...s.update(state('ab')), ...s.done(state('ab', 'Finished'))];
    expect(events.map((e) => e.type)).toEqual(['thread.item.added', 'thread.item.updated', 'thread.item.updated', 'thread.item.updated', 'thread.item.done']);
    expect(events[0]).toMatchObject({ item: { id: 'msg_1', thread_id: 'thr_1', type: 'widget', copy_text: 'copy', widget: state('') } });
    expect(events[1]).toMatchObject({ item_id: 'msg_1', update: { type: 'widget.streaming_text.value_delta', delta: 'a' } });
    expect(events[3]).toMatchObject({ update: { type: 'widget.root.updated', widget: state('ab', 'Finished') } });
    expect(events[4]).toMatchObject({ item: { id: 'msg_1', widget: state('ab', 'Finished') } });
    expect(s.done()).toEqual([]);
    expect(s.update(state('abc'))).toEqual([]);
  });

  it('streams an async sequence of states like the reference stream_widget', async () => {
    async function* states() {
      yield state('');
      yield state('1');
      yield state('12');
    }
    const events = [];
    for await (const e of streamWidgetStates(states(), { itemId: 'msg_2', threadId: 'thr_1' })) events.push(e);
    expect(events.map((e) => e.type)).toEqual(['thread.item.added', 'thread.item.updated', 'thread.item.updated', 'thread.item.done']);
    expect(events[3]).toMatchObject({ item: { widget: state('12') } });
  });
});
