import rule from '../../server/core/rules/dockerfile/yum-pin-versions';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM centos:7\nRUN yum install -y httpd-2.4.6 mod_ssl-2.4.6-99.el7.centos.1 && yum clean all',
    { name: 'rpm files and URLs', code: 'FROM centos:7\nRUN yum install -y https://dl.fedoraproject.org/pub/epel/epel-release-latest-7.noarch.rpm /tmp/x.rpm' },
    { name: 'groups', code: 'FROM centos:7\nRUN yum groupinstall -y "Development Tools" && yum install -y @base' },
    { name: 'a module stream', code: 'FROM rockylinux:8\nRUN yum module install -y nodejs:18' },
    { name: 'option values are not packages', code: 'FROM centos:7\nRUN yum install -y --setopt tsflags=nodocs --enablerepo epel jq-1.6' },
    { name: 'unknown package list', code: 'FROM centos:7\nRUN yum install -y $PKGS' },
    { name: 'ARG-substituted version', code: 'FROM centos:7\nARG V=2.4.6\nRUN yum install -y httpd-${V}' },
    { name: 'dnf belongs to dnf-pin-versions', code: 'FROM fedora:40\nRUN dnf install -y nginx' },
    { name: 'other yum commands', code: 'FROM centos:7\nRUN yum update -y && yum remove -y x && yum clean all' },
    { name: 'an exact provide', code: 'FROM centos:7\nRUN yum install -y "python3 = 3.6.8"' },
  ],
  invalid: [
    {
      code: 'FROM centos:7\nRUN yum install -y httpd && yum clean all',
      errors: [{ line: 2, column: 20, endColumn: 25, message: '`yum install` installs `httpd` without a pinned version: write `httpd-<version>`.' }],
      output: null,
    },
    {
      name: 'a dash in the name is not a version',
      code: 'FROM centos:7\nRUN yum -y install python3-devel java-11-openjdk gcc-c++',
      errors: [{ line: 2, column: 20, endColumn: 33 }, { line: 2, column: 34, endColumn: 49 }, { line: 2, column: 50 }],
    },
    {
      name: 'an architecture is not a version',
      code: 'FROM centos:7\nRUN yum install -y glibc.i686',
      errors: [{ line: 2, column: 20, message: /`glibc\.i686` without a pinned version: write `glibc-<version>`/ }],
    },
    {
      name: 'a lower bound only',
      code: 'FROM centos:7\nRUN yum install -y "httpd >= 2.4"',
      errors: [{ line: 2, column: 20, message: /`>=` sets only a lower bound/ }],
    },
    {
      name: 'a module without a stream',
      code: 'FROM rockylinux:8\nRUN yum module install -y nodejs',
      errors: [{ line: 2, column: 27, message: /^`yum module install` installs `nodejs`.*`nodejs:<stream>`/ }],
    },
    {
      name: 'ENV-substituted list',
      code: 'FROM centos:7\nENV PKGS="httpd-2.4.6 mod_ssl"\nRUN yum install -y $PKGS',
      errors: [{ line: 3, column: 20, endColumn: 25, message: /`mod_ssl`/ }],
    },
    {
      name: 'heredoc in a build stage',
      code: 'FROM centos:7 AS build\nRUN <<EOF\nyum install -y \\\n  gcc\nEOF\nFROM centos:7',
      errors: [{ line: 4, column: 3, endColumn: 6 }],
    },
    {
      name: 'escape directive and a comment line',
      code: '# escape=`\nFROM centos:7\nRUN yum install -y `\n# editor\n  vim-enhanced',
      errors: [{ line: 5, column: 3 }],
    },
    {
      name: 'exec form',
      code: 'FROM centos:7\nRUN ["yum", "install", "-y", "wget"]',
      errors: [{ line: 2, column: 31, endColumn: 35 }],
    },
    {
      name: 'a provide without a version',
      code: "FROM centos:7\nRUN yum install -y 'perl(Data::Dumper)'",
      errors: [{ line: 2, column: 20 }],
    },
  ],
});
