/**
 * Names that are also properties of every JavaScript object (`constructor`, `toString`, `__proto__`…) written where a
 * rule looks them up in a table (command names, package names, keys, images): no rule throws. `RUN constructor x`
 * used to make 27 Dockerfile rules throw (the wrapper-command table answered `Object` for it).
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, initializeCore } from '../../server/core/engine';

before(() => initializeCore());

const NAMES = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__'];

describe('object property names in files', () => {
  for (const n of NAMES) {
    it(`Dockerfile using \`${n}\` everywhere: no rule throws`, () => {
      const text = [
        `FROM ${n}`,
        `ARG ${n}=1`,
        `ENV ${n}=x`,
        `RUN ${n} -x --${n}=1 ${n} && apt-get install ${n} && apk add ${n} && pip install ${n} && sudo ${n} && env ${n}=1 ${n} && xargs ${n} && busybox ${n}`,
        `USER ${n}`,
        `EXPOSE ${n}`,
        `LABEL ${n}=1`,
        `COPY --from=${n} ${n} ${n}`,
        `${n.toUpperCase()} x`,
        '',
      ].join('\n');
      const result = analyze(text, { kind: 'dockerfile', allRules: true });
      assert.deepEqual(result.ruleErrors, []);
      // The command is still seen as a command (not as a wrapper of the next word).
      assert.ok(result.findings.length > 0);
    });

    it(`Compose file using \`${n}\` everywhere: no rule throws`, () => {
      const text = [
        'services:',
        `  ${n}:`,
        `    image: ${n}`,
        `    ${n}: 1`,
        '    environment:',
        `      ${n}: x`,
        `    cap_add: [${n}]`,
        `    ports: ["${n}"]`,
        `    volumes: ["${n}:/x"]`,
        `    networks: [${n}]`,
        `    deploy: {resources: {limits: {${n}: 1}}}`,
        `    build: {context: ., dockerfile_inline: "FROM ${n}\\nRUN ${n} x"}`,
        `${n}:`,
        `  ${n}: {}`,
        'networks:',
        `  ${n}: {}`,
        '',
      ].join('\n');
      const result = analyze(text, { kind: 'compose', allRules: true, path: '/project/compose.yaml' });
      assert.deepEqual(result.ruleErrors, []);
    });
  }
});
