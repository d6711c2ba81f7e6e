import rule from '../../server/core/rules/dockerfile/dnf-pin-versions';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM fedora:40\nRUN dnf install -y nginx-1.26.0 && dnf clean all',
    { name: 'full NEVRA', code: 'FROM fedora:40\nRUN dnf install -y nginx-1:1.26.0-1.fc40.x86_64' },
    { name: 'groups', code: 'FROM fedora:40\nRUN dnf group install -y "Development Tools" && dnf install -y @development-tools' },
    { name: 'a module stream', code: 'FROM rockylinux:9\nRUN dnf module install -y nodejs:20/common' },
    { name: 'enabling a module installs nothing', code: 'FROM rockylinux:9\nRUN dnf module enable -y nodejs:20 && dnf module reset -y nodejs' },
    { name: 'rpm files and URLs', code: 'FROM fedora:40\nRUN dnf install -y ./local.rpm https://example.com/x-1.0-1.noarch.rpm' },
    { name: 'yum belongs to yum-pin-versions', code: 'FROM centos:7\nRUN yum install -y httpd' },
    { name: 'a file provide', code: 'FROM fedora:40\nRUN dnf install -y /usr/bin/python3' },
    { name: 'unknown package list', code: 'FROM fedora:40\nRUN microdnf install -y $PKGS' },
    { name: 'microdnf with options, pinned', code: 'FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf install -y --nodocs --setopt=install_weak_deps=0 shadow-utils-4.9-8.el9' },
  ],
  invalid: [
    {
      code: 'FROM fedora:40\nRUN dnf install -y nginx && dnf clean all',
      errors: [{ line: 2, column: 20, endColumn: 25, message: '`dnf install` installs `nginx` without a pinned version: write `nginx-<version>`.' }],
      output: null,
    },
    {
      name: 'microdnf',
      code: 'FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf install -y --nodocs shadow-utils',
      errors: [{ line: 2, column: 34, message: /^`microdnf install` installs `shadow-utils`/ }],
    },
    {
      name: 'tdnf',
      code: 'FROM photon:5.0\nRUN tdnf install -y curl',
      errors: [{ line: 2, column: 21, message: /^`tdnf install`/ }],
    },
    {
      name: 'dnf5',
      code: 'FROM fedora:41\nRUN dnf5 install -y git',
      errors: [{ line: 2, column: 21, message: /^`dnf5 install`/ }],
    },
    {
      name: 'a provide without a version',
      code: "FROM rockylinux:9\nRUN dnf install -y 'dnf-command(config-manager)'",
      errors: [{ line: 2, column: 20 }],
    },
    {
      name: 'a module without a stream',
      code: 'FROM rockylinux:9\nRUN dnf module install -y nodejs',
      errors: [{ line: 2, column: 27, message: /`nodejs:<stream>`/ }],
    },
    {
      name: 'dnf in',
      code: 'FROM fedora:40\nRUN dnf in -y jq',
      errors: [{ line: 2, column: 15, message: /^`dnf in` installs `jq`/ }],
    },
    {
      name: 'ENV-substituted list',
      code: 'FROM fedora:40\nENV PKGS="jq-1.7.1 git"\nRUN dnf install -y $PKGS',
      errors: [{ line: 3, column: 20, endColumn: 25, message: /`git`/ }],
    },
    {
      name: 'heredoc in a build stage',
      code: 'FROM fedora:40 AS build\nRUN <<EOF\ndnf install -y \\\n  gcc\nEOF\nFROM fedora:40',
      errors: [{ line: 4, column: 3 }],
    },
    {
      name: 'escape directive and a comment line',
      code: '# escape=`\nFROM fedora:40\nRUN dnf install -y `\n# vcs\n  git',
      errors: [{ line: 5, column: 3 }],
    },
    {
      name: 'exec form',
      code: 'FROM fedora:40\nRUN ["dnf", "install", "-y", "wget"]',
      errors: [{ line: 2, column: 31, endColumn: 35 }],
    },
    {
      name: 'a lower bound only',
      code: 'FROM fedora:40\nRUN dnf install -y "nginx >= 1.20"',
      errors: [{ line: 2, column: 20, message: /`>=` sets only a lower bound/ }],
    },
  ],
});
