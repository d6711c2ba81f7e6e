import rule from '../../server/core/rules/dockerfile/go-install-pin';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM golang:1.22\nRUN go install golang.org/x/tools/gopls@v0.16.1',
    { name: 'a commit', code: 'FROM golang:1.22\nRUN go install github.com/a/b/cmd/x@0123abcdef' },
    { name: 'local packages', code: 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go install ./cmd/... && go build -o /app . && go get -d -v ./...' },
    { name: 'ARG-substituted version', code: 'FROM golang:1.22\nARG GOPLS_VERSION=v0.16.1\nRUN go install golang.org/x/tools/gopls@${GOPLS_VERSION}' },
    { name: 'a version from an ARG without default', code: 'FROM golang:1.22\nARG V\nRUN go install golang.org/x/tools/gopls@$V' },
    { name: 'go get with a version', code: 'FROM golang:1.22\nRUN go mod download && go get github.com/a/b@v1.2.3' },
    { name: 'GOPATH idiom: go get, then git checkout of a version', code: 'FROM golang:1.10\nRUN go get github.com/hashicorp/consul || true\nWORKDIR /go/src/github.com/hashicorp/consul\nRUN git checkout v1.2.0' },
    { name: 'go run: program arguments are not packages', code: 'FROM golang:1.22\nRUN go run ./cmd/gen github.com/some/arg' },
    { name: 'flag values are not packages', code: 'FROM golang:1.22\nRUN go install -ldflags "-s -w" -tags netgo example.com/tool@v1.0.0' },
    { name: 'silenced by its hadolint code', code: 'FROM golang:1.22\n# hadolint ignore=DL3062\nRUN go install golang.org/x/tools/gopls@latest' },
    { name: '@none removes a dependency', code: 'FROM golang:1.22\nRUN go get github.com/a/b@none' },
  ],
  invalid: [
    {
      code: 'FROM golang:1.22\nRUN go install golang.org/x/tools/gopls@latest',
      errors: [{
        line: 2, column: 16, endColumn: 47,
        message: '`go install` installs `golang.org/x/tools/gopls@latest` without a pinned version (`@latest` resolves to whatever is newest when the image is built): write `golang.org/x/tools/gopls@<version>` (a tag such as v1.2.3 or a commit).',
      }],
      output: null,
    },
    {
      name: 'no version at all',
      code: 'FROM golang:1.22\nRUN go install honnef.co/go/tools/cmd/staticcheck',
      errors: [{ line: 2, column: 16, message: /`honnef\.co\/go\/tools\/cmd\/staticcheck@<version>`/ }],
    },
    {
      name: 'go get without a later checkout',
      code: 'FROM golang:1.10\nRUN go get -u golang.org/x/lint/golint',
      errors: [{ line: 2, column: 15, message: /^`go get` installs `golang\.org\/x\/lint\/golint`/ }],
    },
    {
      name: 'go run of a branch',
      code: 'FROM golang:1.22\nRUN go run github.com/a/gen@main ./x',
      errors: [{ line: 2, column: 12, endColumn: 33, message: /^`go run` runs `github\.com\/a\/gen@main`/ }],
    },
    {
      name: 'a lower bound only',
      code: "FROM golang:1.22\nRUN go install 'example.com/x@>=v1.2'",
      errors: [{ line: 2, column: 16, message: /`>=` sets only a lower bound/ }],
    },
    {
      name: 'ENV-substituted list',
      code: 'FROM golang:1.22\nENV TOOLS="example.com/a@v1.0.0 example.com/b@latest"\nRUN go install $TOOLS',
      errors: [{ line: 3, column: 16, endColumn: 22, message: /`example\.com\/b@latest`/ }],
    },
    {
      name: 'heredoc in a build stage',
      code: 'FROM golang:1.22 AS tools\nRUN <<EOF\ngo install \\\n  github.com/go-delve/delve/cmd/dlv@latest\nEOF\nFROM debian:12\nCOPY --from=tools /go/bin/dlv /usr/local/bin/',
      errors: [{ line: 4, column: 3 }],
    },
    {
      name: 'escape directive and a comment line',
      code: '# escape=`\nFROM golang:1.22\nRUN go install `\n# debugger\n  github.com/go-delve/delve/cmd/dlv@master',
      errors: [{ line: 5, column: 3, message: /`@master`/ }],
    },
    {
      name: 'after build flags',
      code: 'FROM golang:1.22\nRUN CGO_ENABLED=0 go install -trimpath -ldflags="-s -w" example.com/tool',
      errors: [{ line: 2, column: 57 }],
    },
    {
      name: 'exec form',
      code: 'FROM golang:1.22\nRUN ["go", "install", "example.com/tool@latest"]',
      errors: [{ line: 2, column: 24 }],
    },
    {
      name: 'a checkout in another stage does not pin this go get',
      code: 'FROM golang:1.10 AS a\nRUN go get github.com/x/y\nFROM golang:1.10\nRUN git checkout v1',
      errors: [{ line: 2, column: 12 }],
    },
  ],
});
