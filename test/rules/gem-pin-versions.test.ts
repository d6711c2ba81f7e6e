import rule from '../../server/core/rules/dockerfile/gem-pin-versions';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM ruby:3.3\nRUN gem install bundler -v 2.5.11',
    { name: 'name:version', code: 'FROM ruby:3.3\nRUN gem install bundler:2.5.11 rake:13.2.1' },
    { name: '--version=', code: 'FROM ruby:3.3\nRUN gem install rails --version=7.1.3 --no-document' },
    { name: 'ENV-substituted version', code: 'FROM ruby:3.3\nENV BUNDLER_VERSION 2.5.11\nRUN gem install bundler --version "$BUNDLER_VERSION"' },
    { name: 'a version from an ARG without default', code: 'FROM ruby:3.3\nARG BUNDLER_VERSION\nRUN gem install bundler -v "$BUNDLER_VERSION"' },
    { name: 'a pessimistic requirement', code: "FROM ruby:3.3\nRUN gem install nokogiri -v '~> 1.16'" },
    { name: 'a local .gem file', code: 'FROM ruby:3.3\nCOPY pkg/x-1.0.gem /tmp/\nRUN gem install /tmp/x-1.0.gem --local' },
    { name: 'other gem commands', code: 'FROM ruby:3.3\nRUN gem update --system 3.5.9 && gem list && gem uninstall rake' },
    { name: 'bundler follows Gemfile.lock', code: 'FROM ruby:3.3\nCOPY Gemfile Gemfile.lock ./\nRUN bundle install' },
    { name: 'build arguments after --', code: 'FROM ruby:3.3\nRUN gem install pg -v 1.5.6 -- --with-pg-config=/usr/bin/pg_config' },
    { name: 'option values are not gems', code: 'FROM ruby:3.3\nRUN gem install -i /opt/gems -n /usr/local/bin rake:13.2.1' },
  ],
  invalid: [
    {
      code: 'FROM ruby:3.3\nRUN gem install bundler',
      errors: [{ line: 2, column: 17, endColumn: 24, message: '`gem install` installs `bundler` without a pinned version: write `bundler:<version>` or add `-v <version>`.' }],
      output: null,
    },
    {
      name: 'only the unpinned gem',
      code: 'FROM ruby:3.3\nRUN gem install rails rake:13.2.1 --no-document',
      errors: [{ line: 2, column: 17, endColumn: 22, message: /`rails`/ }],
    },
    {
      name: 'gem i',
      code: 'FROM ruby:3.3\nRUN gem i rubocop',
      errors: [{ line: 2, column: 11, message: /^`gem i` installs `rubocop`/ }],
    },
    {
      name: 'a lower bound only',
      code: "FROM ruby:3.3\nRUN gem install nokogiri -v '>= 1.0'",
      errors: [{ line: 2, column: 17, message: /`>=` sets only a lower bound/ }],
    },
    {
      name: 'ENV-substituted list',
      code: 'FROM ruby:3.3\nENV GEMS="rake:13.2.1 rspec"\nRUN gem install $GEMS',
      errors: [{ line: 3, column: 17, endColumn: 22, message: /`rspec`/ }],
    },
    {
      name: 'heredoc in a build stage',
      code: 'FROM ruby:3.3 AS build\nRUN <<EOF\ngem install --no-document \\\n  bundler\nEOF\nFROM ruby:3.3-slim',
      errors: [{ line: 4, column: 3, endColumn: 10 }],
    },
    {
      name: 'escape directive and a comment line',
      code: '# escape=`\nFROM ruby:3.3\nRUN gem install `\n# linter\n  rubocop',
      errors: [{ line: 5, column: 3 }],
    },
    {
      name: 'exec form',
      code: 'FROM ruby:3.3\nRUN ["gem", "install", "rake"]',
      errors: [{ line: 2, column: 25, endColumn: 29 }],
    },
    {
      name: 'through sudo',
      code: 'FROM ruby:3.3\nRUN sudo gem install bundler',
      errors: [{ line: 2, column: 22 }],
    },
  ],
});
