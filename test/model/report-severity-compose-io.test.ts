import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, lowerSeverity } from '../../server/core/engine';

describe('per-finding severity (ReportOptions.severity)', () => {
  it('lowers, never raises', () => {
    assert.equal(lowerSeverity('error', 'warning'), 'warning');
    assert.equal(lowerSeverity('warning', 'error'), 'warning');
    assert.equal(lowerSeverity('info', 'warning'), 'info');
    assert.equal(lowerSeverity('error', undefined), 'error');
  });
  it('a rule reports a read-only socket mount below its severity, and configuration still caps it', () => {
    const code = 'services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - /var/run/docker.sock:/a.sock:ro\n      - /var/run/docker.sock:/b.sock\n';
    const sev = (rules?: Record<string, 'error' | 'warning' | 'info'>) =>
      analyze(code, { kind: 'compose', rules }).findings.filter((f) => f.ruleId === 'compose-docker-socket').map((f) => f.severity);
    assert.deepEqual(sev(), ['warning', 'error']);
    assert.deepEqual(sev({ 'compose-docker-socket': 'info' }), ['info', 'info']);
  });
});
