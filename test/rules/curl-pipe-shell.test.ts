import rule from '../../server/core/rules/dockerfile/curl-pipe-shell';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'key piped to gpg --dearmor', code: 'FROM debian:12\nRUN curl -fsSL https://example.com/key.asc | gpg --dearmor -o /usr/share/keyrings/example.gpg' },
    { name: 'archive piped to tar', code: 'FROM debian:12\nRUN wget -O- https://example.com/a.tgz | tar -xz -C /opt' },
    {
      name: 'JSON piped to python -c (stdin is data)',
      code: 'FROM debian:12\nRUN curl -fsSL https://api.example.com/v.json | python3 -c "import json,sys; print(json.load(sys.stdin))"',
    },
    {
      name: 'saved, checksum-verified, then run (continuation with a comment line)',
      code: 'FROM debian:12\nARG SHA=0000\nRUN curl -fsSLo /tmp/i.sh https://example.com/i.sh \\\n# verify before running\n && echo "$SHA  /tmp/i.sh" | sha256sum -c - \\\n && sh /tmp/i.sh',
    },
    { name: 'wget without -O- writes a file, not stdout', code: 'FROM debian:12\nRUN wget https://example.com/i.sh | sh' },
    { name: 'saved with tee, never run', code: 'FROM debian:12\nRUN curl -fsSL https://example.com/i.sh | tee /tmp/i.sh' },
    { name: 'a substitution that is only part of the script', code: 'FROM debian:12\nRUN bash -c "echo $(curl -fsSL https://example.com/version)"' },
    { name: 'substitution of a local file', code: 'FROM debian:12\nRUN sh -c "$(cat /tmp/local.sh)"' },
    {
      name: 'signature verified with gpg before running',
      code: 'FROM debian:12\nRUN curl -fsSLo /tmp/a.sh https://example.com/a.sh \\\n && curl -fsSLo /tmp/a.sh.asc https://example.com/a.sh.asc \\\n && gpg --verify /tmp/a.sh.asc /tmp/a.sh && bash /tmp/a.sh',
    },
    { name: 'exec form download only', code: 'FROM debian:12\nRUN ["curl", "-fsSL", "https://example.com/i.sh"]' },
    { name: 'downloaded binary (not a script) run directly', code: 'FROM debian:12\nRUN curl -fsSLo /tmp/kubectl https://example.com/kubectl && chmod +x /tmp/kubectl && /tmp/kubectl version' },
    {
      name: 'verified with cosign in a later RUN',
      code: 'FROM debian:12\nRUN curl -fsSL https://example.com/i.sh -o /tmp/i.sh\nRUN cosign verify-blob --key k.pub --signature i.sh.sig /tmp/i.sh && sh /tmp/i.sh',
    },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN curl -fsSL https://get.example.com | sh',
      errors: [{ line: 2, column: 42, endColumn: 44, message: /`curl` \(from get\.example\.com\) output is piped into `sh`/ }],
    },
    {
      name: 'wget -qO- into sudo -E bash -',
      code: 'FROM debian:12\nRUN wget -qO- https://example.com/setup.sh | sudo -E bash -',
      errors: [{ line: 2, column: 54, endColumn: 58, message: /`wget`.*`bash`/ }],
    },
    {
      name: 'sh -s -- args on a continuation line after a comment line',
      code: 'FROM golang:1.22\nRUN curl -sSfL https://raw.githubusercontent.com/x/y/master/install.sh \\\n# pinned below\n  | sh -s -- -b /usr/local/bin v1.55.2',
      errors: [{ line: 4, column: 5, endColumn: 7 }],
    },
    {
      name: 'sh -c "$(curl …)"',
      code: 'FROM debian:12\nRUN sh -c "$(curl -fsSL https://raw.githubusercontent.com/ohmyzsh/ohmyzsh/master/tools/install.sh)" "" --unattended',
      errors: [{ line: 2, column: 5, endColumn: 7, message: /command substitution/ }],
    },
    {
      name: 'bash <(curl …)',
      code: 'FROM debian:12\nRUN bash <(curl -fsSL https://example.com/i.sh)',
      errors: [{ line: 2, column: 5, endColumn: 9, message: /process substitution/ }],
    },
    {
      name: 'python3 - reads the program from stdin',
      code: 'FROM python:3.12\nRUN curl -sSL https://install.python-poetry.org | python3 -',
      errors: [{ line: 2, column: 51, endColumn: 58, message: /`python3`/ }],
    },
    {
      name: 'php -- (composer installer)',
      code: 'FROM php:8.3-cli\nRUN curl -sS https://getcomposer.org/installer | php -- --install-dir=/usr/local/bin --filename=composer',
      errors: [{ line: 2, column: 50, endColumn: 53 }],
    },
    {
      name: 'through tee',
      code: 'FROM debian:12\nRUN curl -fsSL https://example.com/i.sh | tee /tmp/i.sh | bash',
      errors: [{ line: 2, column: 59, endColumn: 63 }],
    },
    {
      name: 'URL from an ARG, saved, executed in a later RUN without verification',
      code: 'FROM debian:12\nARG URL=https://example.com/i.sh\nRUN curl -fsSL "$URL" -o /tmp/i.sh\nRUN chmod +x /tmp/i.sh && /tmp/i.sh --prefix /usr',
      errors: [{ line: 4, column: 27, endColumn: 36, message: /`i\.sh` downloaded by `curl` on line 3 is executed/ }],
    },
    {
      name: 'wget then python3 get-pip.py',
      code: 'FROM debian:12\nRUN wget https://example.com/get-pip.py && python3 get-pip.py',
      errors: [{ line: 2, column: 44, endColumn: 51, message: /run by `python3`/ }],
    },
    { name: 'heredoc body', code: 'FROM debian:12\nRUN <<EOF\nset -e\ncurl -fsSL https://example.com/i.sh | bash\nEOF', errors: [{ line: 4, column: 39, endColumn: 43 }] },
    {
      name: 'exec form with sh -c',
      code: 'FROM debian:12\nRUN ["/bin/sh", "-c", "curl -fsSL https://example.com/i.sh | sh"]',
      errors: [{ line: 2, column: 62, endColumn: 64 }],
    },
    { name: 'escape directive', code: '# escape=`\nFROM debian:12\nRUN curl -fsSL https://example.com/i.sh `\n  | bash', errors: [{ line: 4, column: 5, endColumn: 9 }] },
    {
      name: 'build stages count too; eval "$(wget …)"',
      code: 'FROM debian:12 AS build\nRUN curl -fsSL https://example.com/i.sh | sh\nFROM debian:12\nRUN eval "$(wget -qO- https://example.com/env.sh)"',
      errors: [
        { line: 2, column: 43, endColumn: 45 },
        { line: 4, column: 5, endColumn: 9, message: /`eval` runs the output of `wget`/ },
      ],
    },
  ],
});
