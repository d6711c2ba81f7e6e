import rule from '../../server/core/rules/dockerfile/zypper-pin-versions';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM opensuse/leap:15.6\nRUN zypper --non-interactive install curl=8.6.0 && zypper clean --all',
    { name: 'name-version', code: 'FROM opensuse/leap:15.6\nRUN zypper in -y vim-9.1.0330' },
    { name: 'an upper bound', code: 'FROM opensuse/leap:15.6\nRUN zypper in -y "curl<9"' },
    { name: 'spaced operator', code: 'FROM opensuse/leap:15.6\nRUN zypper in -y curl = 8.6.0' },
    { name: 'patterns', code: 'FROM opensuse/leap:15.6\nRUN zypper in -y -t pattern devel_basis && zypper in -y pattern:devel_C_C++' },
    { name: 'rpm files and URLs', code: 'FROM opensuse/leap:15.6\nRUN zypper in -y /tmp/x.rpm https://example.com/y-1.0-1.x86_64.rpm' },
    { name: 'option values are not packages', code: 'FROM opensuse/leap:15.6\nRUN zypper in -y --from repo-oss -r repo-update curl=8.6.0' },
    { name: 'unknown package list', code: 'FROM opensuse/leap:15.6\nRUN zypper in -y $PKGS' },
    { name: 'ARG-substituted version', code: 'FROM opensuse/leap:15.6\nARG CURL_VERSION=8.6.0\nRUN zypper in -y curl=$CURL_VERSION' },
    { name: 'other zypper commands', code: 'FROM opensuse/leap:15.6\nRUN zypper refresh && zypper update -y && zypper rm -y vim && zypper addrepo https://x/y repo' },
  ],
  invalid: [
    {
      code: 'FROM opensuse/leap:15.6\nRUN zypper --non-interactive install curl && zypper clean --all',
      errors: [{ line: 2, column: 38, endColumn: 42, message: '`zypper install` installs `curl` without a pinned version: write `curl=<version>`.' }],
      output: null,
    },
    {
      name: 'zypper in, several packages',
      code: 'FROM opensuse/leap:15.6\nRUN zypper -n in git curl=8.6.0 vim',
      errors: [{ line: 2, column: 18, endColumn: 21, message: /^`zypper in` installs `git`/ }, { line: 2, column: 33, message: /`vim`/ }],
    },
    {
      name: 'a lower bound only',
      code: 'FROM opensuse/leap:15.6\nRUN zypper in -y "curl>=8"',
      errors: [{ line: 2, column: 18, message: /`>=` sets only a lower bound/ }],
    },
    {
      name: 'a package type is still a package',
      code: 'FROM opensuse/leap:15.6\nRUN zypper in -y -t package git',
      errors: [{ line: 2, column: 29 }],
    },
    {
      name: 'a repository prefix is not a version',
      code: 'FROM opensuse/leap:15.6\nRUN zypper in -y LocalRepo:example',
      errors: [{ line: 2, column: 18 }],
    },
    {
      name: 'ENV-substituted list',
      code: 'FROM opensuse/leap:15.6\nENV PKGS="curl=8.6.0 git"\nRUN zypper in -y $PKGS',
      errors: [{ line: 3, column: 18, endColumn: 23, message: /`git`/ }],
    },
    {
      name: 'heredoc in a build stage',
      code: 'FROM opensuse/leap:15.6 AS build\nRUN <<EOF\nzypper in -y \\\n  gcc\nEOF\nFROM opensuse/leap:15.6',
      errors: [{ line: 4, column: 3 }],
    },
    {
      name: 'escape directive and a comment line',
      code: '# escape=`\nFROM opensuse/leap:15.6\nRUN zypper in -y `\n# vcs\n  git',
      errors: [{ line: 5, column: 3 }],
    },
    {
      name: 'exec form',
      code: 'FROM opensuse/leap:15.6\nRUN ["zypper", "in", "-y", "wget"]',
      errors: [{ line: 2, column: 29, endColumn: 33 }],
    },
  ],
});
