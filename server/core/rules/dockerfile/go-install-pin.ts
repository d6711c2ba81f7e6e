import type { DockerfileRule } from '../rule';
import { hadolint } from '../rule';
import { checkPins } from '../pin-versions';

/** See server/core/dockerfile/packages.ts for what counts as pinned (go: judgeGo). */
const rule: DockerfileRule = {
  meta: {
    id: 'go-install-pin',
    title: 'Go tool installed without a pinned version',
    severity: 'info',
    category: 'supply-chain',
    kind: 'dockerfile',
    findingNoun: 'unpinned modules',
    description:
      '`go install` (also `go get` and `go run` of a remote package) names a module package without `@<version>`, or with a moving query: `@latest`, `@upgrade`, `@patch`, a branch such as `@main`/`@master`, or a lower bound (`@>=v1.2`). Local packages (`./cmd/x`, `.`, standard-library paths) and `@none` are not judged.',
    rationale:
      '`@latest` and version-less installs resolve to whatever the module proxy serves at build time, so rebuilds ship different code and a compromised or breaking release of the tool (or of its dependencies) enters the image without any change to the Dockerfile.',
    howToFix:
      'Append a release tag or a commit: `go install golang.org/x/tools/gopls@v0.16.1` (the module\'s tags are listed by `go list -m -versions <module>`). Tools a project depends on can instead be tracked in go.mod (a `tool` directive since Go 1.24), which the go.sum file pins.',
    example: {
      bad: 'FROM golang:1.22\nRUN go install golang.org/x/tools/gopls@latest',
      good: 'FROM golang:1.22\nRUN go install golang.org/x/tools/gopls@v0.16.1',
    },
    aliases: ['DL3062'],
    references: [
      hadolint('DL3062'),
      { title: 'Go Modules Reference: go install', url: 'https://go.dev/ref/mod#go-install' },
    ],
  },
  check(ctx) {
    checkPins(ctx, 'go');
  },
};

export default rule;
