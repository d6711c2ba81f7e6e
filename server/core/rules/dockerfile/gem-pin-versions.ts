import type { DockerfileRule } from '../rule';
import { hadolint } from '../rule';
import { checkPins } from '../pin-versions';

/** See server/core/dockerfile/packages.ts for what counts as pinned (gem: judgeGem). */
const rule: DockerfileRule = {
  meta: {
    id: 'gem-pin-versions',
    title: 'Ruby gem installed without a pinned version',
    severity: 'info',
    category: 'supply-chain',
    kind: 'dockerfile',
    scope: 'instruction',
    findingNoun: 'unpinned packages',
    description:
      '`gem install` names a gem without a version: neither `-v`/`--version <version>` nor the `name:version` form, or only a lower bound (`-v \">= 2\"`). `.gem` files and paths are not judged.',
    rationale:
      'An unpinned `gem install` takes the newest release on rubygems.org at build time, so rebuilds silently change the code in the image, and a malicious or breaking release is installed without review.',
    howToFix:
      'Add the version: `gem install bundler -v 2.5.11` or `gem install bundler:2.5.11` (`~> 2.5` keeps one release line). For application dependencies, use a Gemfile with its Gemfile.lock and `bundle install`.',
    example: {
      bad: 'FROM ruby:3.3-slim\nRUN gem install bundler',
      good: 'FROM ruby:3.3-slim\nRUN gem install bundler -v 2.5.11',
    },
    aliases: ['DL3028'],
    references: [
      hadolint('DL3028'),
      { title: 'RubyGems command reference: gem install', url: 'https://guides.rubygems.org/command-reference/#gem-install' },
    ],
  },
  check(ctx) {
    checkPins(ctx, 'gem');
  },
};

export default rule;
