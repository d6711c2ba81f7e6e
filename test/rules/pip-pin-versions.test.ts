import rule from '../../server/core/rules/dockerfile/pip-pin-versions';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM python:3.12\nRUN pip install --no-cache-dir flask==3.0.3 "requests~=2.31" "urllib3===2.2.1"',
    { name: 'requirements file', code: 'FROM python:3.12\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt' },
    { name: 'local project, paths and wheels', code: 'FROM python:3.12\nCOPY . /app\nRUN pip install . && pip install -e . && pip install ./libs/x /wheels/x-1.0-py3-none-any.whl' },
    { name: 'a constraints file pins what is named', code: 'FROM python:3.12\nRUN pip install -c constraints.txt flask' },
    { name: 'PIP_CONSTRAINT from ENV', code: 'FROM python:3.12\nENV PIP_CONSTRAINT=/constraints.txt\nRUN pip install flask' },
    { name: 'VCS URL with a tag', code: 'FROM python:3.12\nRUN pip install "git+https://github.com/pallets/flask.git@3.0.3#egg=flask"' },
    { name: 'direct reference to an archive', code: 'FROM python:3.12\nRUN pip install "flask @ https://files.example.com/flask-3.0.3.tar.gz"' },
    { name: 'a bounded range', code: 'FROM python:3.12\nRUN pip install "django>=4.2,<5"' },
    { name: 'ARG-substituted version', code: 'FROM python:3.12\nARG FLASK_VERSION=3.0.3\nRUN pip install "flask==${FLASK_VERSION}"' },
    { name: 'unknown package list', code: 'FROM python:3.12\nRUN pip install $PACKAGES' },
    { name: 'other pip commands', code: 'FROM python:3.12\nRUN pip download flask && pip uninstall -y flask && pip freeze > /tmp/r.txt' },
    { name: 'option values are not packages', code: 'FROM python:3.12\nRUN pip install -i https://pypi.example.com/simple --target /opt/lib --platform manylinux2014_x86_64 flask==3.0.3' },
  ],
  invalid: [
    {
      code: 'FROM python:3.12\nRUN pip install --no-cache-dir flask',
      errors: [{ line: 2, column: 32, endColumn: 37, message: '`pip install` installs `flask` without a pinned version: write `flask==<version>` (or install from a requirements file).' }],
      output: null,
    },
    {
      name: 'upgrading pip itself',
      code: 'FROM python:3.12\nRUN pip install --upgrade pip setuptools==69.0.0',
      errors: [{ line: 2, column: 27, endColumn: 30, message: /`pip`/ }],
    },
    {
      name: 'a lower bound only',
      code: 'FROM python:3.12\nRUN pip3 install "django>=4.2"',
      errors: [{ line: 2, column: 18, message: /^`pip3 install` installs `django>=4.2` without a pinned version \(`>=` sets only a lower bound\)/ }],
    },
    {
      name: 'python -m pip',
      code: 'FROM python:3.12\nRUN python3 -m pip install numpy',
      errors: [{ line: 2, column: 28, message: /^`python3 -m pip install` installs `numpy`/ }],
    },
    {
      name: 'uv pip',
      code: 'FROM python:3.12\nRUN uv pip install --system pandas',
      errors: [{ line: 2, column: 29, message: /^`uv pip install` installs `pandas`/ }],
    },
    {
      name: 'extras',
      code: 'FROM python:3.12\nRUN pip install "fastapi[standard]"',
      errors: [{ line: 2, column: 17, message: /`fastapi\[standard\]==<version>`/ }],
    },
    {
      name: 'VCS URL without a ref',
      code: 'FROM python:3.12\nRUN pip install git+https://github.com/pallets/flask.git',
      errors: [{ line: 2, column: 17, message: /names no commit or tag.*add `@<commit or tag>`/ }],
    },
    {
      name: 'credentials in the URL stay out of the message',
      code: 'FROM python:3.12\nRUN pip install git+https://user:s3cr3tt0ken@github.com/org/private.git',
      errors: [{ line: 2, column: 17, message: /^(?!.*s3cr3t).*`git\+https:\/\/github\.com\/org\/private\.git`/ }],
    },
    {
      name: 'a name beside a requirements file',
      code: 'FROM python:3.12\nRUN pip install -r requirements.txt gunicorn',
      errors: [{ line: 2, column: 37, message: /`gunicorn`/ }],
    },
    {
      name: 'editable VCS on a branch',
      code: 'FROM python:3.12\nRUN pip install -e git+https://github.com/a/b.git@main#egg=b',
      errors: [{ line: 2, column: 20, message: /`main` is a moving ref/ }],
    },
    {
      name: 'ENV-substituted list',
      code: 'FROM python:3.12\nENV PY_PKGS="flask==3.0.3 gunicorn"\nRUN pip install $PY_PKGS',
      errors: [{ line: 3, column: 17, endColumn: 25, message: /`gunicorn`/ }],
    },
    {
      name: 'heredoc',
      code: 'FROM python:3.12\nRUN <<EOF\npip install \\\n    requests\nEOF',
      errors: [{ line: 4, column: 5, endColumn: 13 }],
    },
    {
      name: 'escape directive and a comment line',
      code: '# escape=`\nFROM python:3.12\nRUN pip install `\n# the client\n    requests',
      errors: [{ line: 5, column: 5 }],
    },
    {
      name: 'a build stage',
      code: 'FROM python:3.12 AS build\nRUN pip wheel -w /wheels flask==3.0.3 && pip install build\nFROM python:3.12-slim\nCOPY --from=build /wheels /wheels\nRUN pip install /wheels/*.whl',
      errors: [{ line: 2, column: 54 }],
    },
  ],
});
