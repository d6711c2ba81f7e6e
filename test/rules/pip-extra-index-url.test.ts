import rule from '../../server/core/rules/dockerfile/pip-extra-index-url';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'a single index with --index-url', code: 'FROM python:3.12\nRUN pip install --index-url https://pypi.corp.example/simple corp-utils' },
    { name: 'uv keeps its first-index strategy', code: 'FROM python:3.12\nRUN uv pip install --system --extra-index-url https://pypi.corp.example/simple x' },
    { name: 'empty PIP_EXTRA_INDEX_URL', code: 'FROM python:3.12\nENV PIP_EXTRA_INDEX_URL=' },
    { name: 'ARG without default: value unknown', code: 'FROM python:3.12\nARG PIP_EXTRA_INDEX_URL\nRUN pip install x' },
    { name: 'comment line inside a continuation', code: 'FROM python:3.12\nRUN pip install x \\\n# --extra-index-url https://old.example/simple\n && pip check' },
    { name: 'requirements file with --index-url', code: 'FROM python:3.12\nRUN pip install --index-url https://a.example/simple -r requirements.txt && echo done' },
    { name: 'grep mentioning the option', code: 'FROM python:3.12\nRUN grep -q extra-index-url requirements.txt || pip install -r requirements.txt' },
    { name: 'PIP_INDEX_URL', code: 'FROM python:3.12\nENV PIP_INDEX_URL=https://pypi.corp.example/simple' },
  ],
  invalid: [
    {
      name: 'fix: the extra index becomes the only index',
      code: 'FROM python:3.12\nRUN pip install --no-cache-dir --extra-index-url https://pypi.corp.example/simple corp-lib==1.0',
      errors: [{ line: 2, column: 32 }],
      output: 'FROM python:3.12\nRUN pip install --no-cache-dir --index-url https://pypi.corp.example/simple corp-lib==1.0',
    },
    {
      name: 'no fix when an --index-url is already given',
      code: 'FROM python:3.12\nRUN pip install --index-url https://a.example/simple --extra-index-url https://b.example/simple x==1',
      errors: [{ line: 2, column: 54 }],
      output: null,
    },
    {
      name: 'fix: ENV PIP_EXTRA_INDEX_URL becomes PIP_INDEX_URL',
      code: 'FROM python:3.12\nENV PIP_EXTRA_INDEX_URL=https://pypi.corp.example/simple\n',
      errors: [{ line: 2, column: 5 }],
      output: 'FROM python:3.12\nENV PIP_INDEX_URL=https://pypi.corp.example/simple\n',
    },
    {
      code: 'FROM python:3.12\nRUN pip install --extra-index-url https://pypi.corp.example/simple corp-utils',
      errors: [{ line: 2, column: 17, endColumn: 34, message: /^`pip --extra-index-url` \(pypi\.corp\.example\): .*dependency confusion/ }],
    },
    {
      name: '--extra-index-url=URL with credentials: range is the option name, the message shows only the host',
      code: 'FROM python:3.12\nRUN pip3 install --no-cache-dir --extra-index-url=https://user:s3cr3t@pypi.corp.example/simple x',
      errors: [{ line: 2, column: 33, endColumn: 50, message: /^(?![\s\S]*(s3cr3t|user:))`pip3 --extra-index-url` \(pypi\.corp\.example\)/ }],
    },
    {
      name: 'python -m pip, option after a comment line in a continuation',
      code: 'FROM python:3.12\nRUN python3 -m pip install \\\n# private packages\n    --extra-index-url https://pypi.corp.example/simple x',
      errors: [{ line: 4, column: 5, endColumn: 22, message: /python3 -m pip/ }],
    },
    { name: 'ENV PIP_EXTRA_INDEX_URL', code: 'FROM python:3.12\nENV PIP_EXTRA_INDEX_URL=https://pypi.corp.example/simple\nRUN pip install x', errors: [{ line: 2, column: 5, endColumn: 24, message: /^`ENV PIP_EXTRA_INDEX_URL`/ }] },
    { name: 'ARG default', code: 'FROM python:3.12\nARG PIP_EXTRA_INDEX_URL=https://pypi.corp.example/simple\nRUN pip install x', errors: [{ line: 2, column: 5, endColumn: 24, message: /^`ARG PIP_EXTRA_INDEX_URL`/ }] },
    { name: 'pip config set', code: 'FROM python:3.12\nRUN pip config set global.extra-index-url https://pypi.corp.example/simple', errors: [{ line: 2, column: 20, endColumn: 42 }] },
    {
      name: 'pip.conf written by printf',
      code: 'FROM python:3.12\nRUN printf "[global]\\nextra-index-url = https://pypi.corp.example/simple\\n" > /etc/pip.conf',
      errors: [{ line: 2, column: 23, endColumn: 38 }],
    },
    {
      name: 'requirements file written by a heredoc',
      code: 'FROM python:3.12\nRUN cat > /tmp/req.txt <<EOF\n--extra-index-url https://pypi.corp.example/simple\ncorp-utils==1.0\nEOF\nRUN pip install -r /tmp/req.txt',
      errors: [{ line: 3, column: 1, endColumn: 18 }],
    },
    {
      name: 'uv with unsafe-best-match',
      code: 'FROM python:3.12\nRUN uv pip install --system --index-strategy unsafe-best-match --extra-index-url https://pypi.corp.example/simple x',
      errors: [{ line: 2, column: 64, endColumn: 81, message: /unsafe-best-match/ }],
    },
    {
      name: 'URL from an ARG',
      code: 'FROM python:3.12\nARG INDEX=https://pypi.corp.example/simple\nRUN pip install --extra-index-url "$INDEX" x',
      errors: [{ line: 3, column: 17, endColumn: 34, message: /\(pypi\.corp\.example\)/ }],
    },
    { name: 'escape directive', code: '# escape=`\nFROM python:3.12\nRUN pip install `\n    --extra-index-url https://p.example/simple x', errors: [{ line: 4, column: 5, endColumn: 22 }] },
    { name: 'exec form', code: 'FROM python:3.12\nRUN ["pip", "install", "--extra-index-url", "https://p.example/simple", "x"]', errors: [{ line: 2, column: 25, endColumn: 42 }] },
    {
      name: 'pip-compile in a build stage; exported in RUN',
      code: 'FROM python:3.12 AS build\nRUN pip-compile --extra-index-url https://p.example/simple req.in\nFROM python:3.12\nRUN export PIP_EXTRA_INDEX_URL=https://p.example/simple && pip install x',
      errors: [
        { line: 2, column: 17, endColumn: 34, message: /pip-compile/ },
        { line: 4, column: 12, endColumn: 31, message: /set in RUN/ },
      ],
    },
  ],
});
