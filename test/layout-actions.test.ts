// The layout decides which actions an answer offers (notify, feedback, request, approve) and which
// notes are prominent; Slack, Teams and the web chat only render them. Checked on hand-built
// answers and on every surface's output.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderAnswerBlocks, renderCommandReply } from '../adapters/slack/render.js';
import { answerMessage, commandReplyMessage } from '../adapters/teams/render.js';
import { renderAnswerHtml } from '../adapters/web/render.js';
import { commandActions, layoutAnswer } from '../src/layout/answer-layout.js';
import { answer, tool } from './helpers/answers.js';

const FORM = 'https://intranet.example.org/request-form';
const unknownTool = answer({ verdict: 'unknown', unknownTool: 'Foobar', contact: { text: 'Ask the IT desk', url: FORM } });
const zoom = answer({ verdict: 'allowed', tools: [tool({ id: 'zoom', name: 'Zoom', verdict: 'allowed', status: 'approved' })] });

describe('the layout lists the actions of an answer', () => {
  it('a tool gets "notify", feedback only when recorded, and never under a question not understood', () => {
    assert.deepEqual(layoutAnswer(zoom).actions.map((a) => a.kind), ['notify']);
    assert.deepEqual(layoutAnswer(zoom, { feedback: true }).actions.map((a) => a.kind), ['notify', 'feedback']);
    assert.deepEqual(layoutAnswer(answer({ verdict: 'unclear' }), { feedback: true }).actions, []);
  });

  it('an unknown tool offers the request form, only when it is a web link', () => {
    const request = layoutAnswer(unknownTool).actions.find((a) => a.kind === 'request');
    assert.equal(request?.kind === 'request' ? request.url : undefined, FORM);
    const script = answer({ verdict: 'unknown', contact: { text: 'x', url: 'javascript:alert(1)' } });
    assert.equal(layoutAnswer(script).actions.some((a) => a.kind === 'request'), false);
  });

  it('a four-eyes proposal offers "approve" with its command', () => {
    const [approve] = commandActions('en', 'p-42');
    assert.equal(approve?.kind, 'approve');
    assert.equal(approve?.kind === 'approve' ? approve.command : '', 'admin approve p-42');
    assert.deepEqual(commandActions('en'), []);
  });

  it('help, unknown-tool and empty-category notes are prominent; the others are not', () => {
    const notes = layoutAnswer(answer({ verdict: 'unclear', tools: [tool({ id: 'z', name: 'Zoom', verdict: 'allowed', matchedAs: 'zoomy' })] })).sections.filter((s) => s.kind === 'note');
    assert.deepEqual(notes.map((n) => (n.kind === 'note' ? [n.role, n.prominent] : [])), [['matched', false], ['help', true]]);
  });
});

describe('every surface renders the request action', () => {
  it('Slack: a link button', () => {
    const buttons = renderAnswerBlocks(unknownTool).blocks.filter((b) => b.type === 'actions');
    assert.ok(JSON.stringify(buttons).includes(`"url":"${FORM}"`), 'the Slack message has a button to the request form');
  });
  it('Teams: an OpenUrl action', () => {
    const json = JSON.stringify(answerMessage(unknownTool));
    assert.match(json, /Action\.OpenUrl/);
    assert.ok(json.includes(FORM));
  });
  it('the web chat: a link', () => {
    assert.match(renderAnswerHtml(unknownTool), new RegExp(`<p class="request"><a href="${FORM}"`));
  });
  it('no surface shows feedback under a question not understood', () => {
    const unclear = answer({ verdict: 'unclear' });
    assert.doesNotMatch(JSON.stringify(renderAnswerBlocks(unclear, { feedback: true }).blocks), /feedback:/);
    assert.doesNotMatch(JSON.stringify(answerMessage(unclear, { feedback: true })), /"action":"feedback"/);
    assert.doesNotMatch(renderAnswerHtml(unclear, { feedback: true }), /class="feedback"/);
  });
  it('the approve button under a proposal, on Slack and Teams', () => {
    assert.match(JSON.stringify(renderCommandReply('Proposal p-42', 'en', 'p-42').blocks), /"value":"p-42"/);
    assert.match(JSON.stringify(commandReplyMessage('Proposal p-42', 'en', 'p-42')), /approve p-42/);
  });
});
