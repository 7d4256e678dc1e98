// The change the delivery tests fan out: Zoom, restricted to internal use, becomes prohibited (one
// tool change, made by `cli:admin` at a fixed time, in an English catalogue).
import { diffKnowledgeBases, type ToolChange } from '../../src/notifications/diff.js';
import { kbFromFiles, toolYaml } from './kb.js';

const ORG = 'name: Example Agency\ndefault_language: en\n';

export function zoomProhibitedChange(): ToolChange {
  return diffKnowledgeBases(
    kbFromFiles({ 'organization.yaml': ORG, 'tools/zoom.yaml': toolYaml('Zoom', 'restricted', 'restrictions:\n  - { id: a, text: Only internal. }\n') }),
    kbFromFiles({ 'organization.yaml': ORG, 'tools/zoom.yaml': toolYaml('Zoom', 'prohibited') }),
    { by: 'cli:admin', at: new Date('2024-03-01T12:00:00Z') },
  )[0] as ToolChange;
}
