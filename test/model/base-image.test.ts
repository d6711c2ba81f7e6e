import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { initializeCore } from '../../server/core/engine';
import { DockerfileModel } from '../../server/core/dockerfile/model';
import { baseImage, baseImageFamily, describeImage, hasPackageInStage, hasShell, packageBaseName } from '../../server/core/dockerfile/base-image';
import { parseImageRef } from '../../server/core/dockerfile/image';

before(() => initializeCore());

function describe1(ref: string) {
  return describeImage(parseImageRef(ref, ref));
}

function finalOf(text: string) {
  const model = new DockerfileModel(text);
  return { model, stage: model.finalStage! };
}

describe('describeImage: family by image name and tag', () => {
  const table: [string, string, string?][] = [
    ['alpine:3.20', 'alpine', 'alpine'],
    ['busybox:1.36-musl', 'busybox', 'busybox'],
    ['debian:12-slim', 'debian', 'debian'],
    ['ubuntu:24.04', 'debian', 'ubuntu'],
    ['docker.io/library/ubuntu:jammy', 'debian', 'ubuntu'],
    ['centos:7', 'rhel', 'centos'],
    ['quay.io/centos/centos:stream9', 'rhel', 'centos'],
    ['fedora:40', 'rhel', 'fedora'],
    ['rockylinux:9', 'rhel', 'rockylinux'],
    ['almalinux:9', 'rhel', 'almalinux'],
    ['oraclelinux:9', 'rhel', 'oraclelinux'],
    ['amazonlinux:2023', 'rhel', 'amazonlinux'],
    ['public.ecr.aws/amazonlinux/amazonlinux:2', 'rhel', 'amazonlinux'],
    ['redhat/ubi9', 'rhel', 'ubi'],
    ['registry.access.redhat.com/ubi9/ubi-minimal:9.4', 'rhel', 'ubi'],
    ['registry.access.redhat.com/ubi9/nodejs-20', 'rhel', 'ubi'],
    ['opensuse/leap:15.6', 'suse', 'opensuse'],
    ['registry.suse.com/bci/bci-base:15.6', 'suse', 'sle'],
    ['archlinux:latest', 'arch', 'arch'],
    ['gcr.io/distroless/static-debian12:nonroot', 'distroless', 'distroless'],
    ['gcr.io/distroless/nodejs20-debian12', 'distroless', 'distroless'],
    ['cgr.dev/chainguard/static:latest', 'distroless', 'chainguard'],
    ['cgr.dev/chainguard/python:latest-dev', 'wolfi', 'wolfi'],
    ['cgr.dev/chainguard/wolfi-base', 'wolfi', 'wolfi'],
    ['scratch', 'scratch'],
    ['mcr.microsoft.com/windows/servercore:ltsc2022', 'windows'],
    ['node:20', 'debian', 'debian'],
    ['node:20-alpine', 'alpine', 'alpine'],
    ['node:lts-alpine3.19', 'alpine', 'alpine'],
    ['node:20-bookworm-slim', 'debian', 'debian'],
    ['python:3.12-slim', 'debian', 'debian'],
    ['python:3.12', 'debian', 'debian'],
    ['python:3.12-windowsservercore-ltsc2022', 'windows'],
    ['golang:1.22', 'debian', 'debian'],
    ['golang:1.22-alpine', 'alpine', 'alpine'],
    ['ruby:3.3-slim-bookworm', 'debian', 'debian'],
    ['php:8.3-apache', 'debian', 'debian'],
    ['php:8.3-fpm-alpine', 'alpine', 'alpine'],
    ['eclipse-temurin:21-jre', 'debian', 'ubuntu'],
    ['eclipse-temurin:21-jre-alpine', 'alpine', 'alpine'],
    ['eclipse-temurin:21-jre-ubi9-minimal', 'rhel', 'ubi'],
    ['maven:3.9-eclipse-temurin-21', 'debian', 'ubuntu'],
    ['maven:3.9-amazoncorretto-21', 'rhel', 'amazonlinux'],
    ['gradle:8-jdk21', 'debian', 'ubuntu'],
    ['nginx:1.27', 'debian', 'debian'],
    ['nginx:alpine', 'alpine', 'alpine'],
    ['nginx:1.27-alpine-slim', 'alpine', 'alpine'],
    ['httpd:2.4', 'debian', 'debian'],
    ['postgres:16-alpine', 'alpine', 'alpine'],
    ['redis:7', 'debian', 'debian'],
    ['mysql:8.4', 'rhel', 'oraclelinux'],
    ['mysql:8.0-debian', 'debian', 'debian'],
    ['amazoncorretto:21', 'rhel', 'amazonlinux'],
    ['openjdk:11-jre-slim', 'debian', 'debian'],
    ['openjdk:8', 'debian', 'debian'],
    ['openjdk:7-jre', 'debian', 'debian'],
    ['adoptopenjdk:11-jdk-hotspot', 'debian', 'ubuntu'],
    ['openjdk:21', 'unknown'],
    ['mcr.microsoft.com/dotnet/aspnet:8.0', 'debian', 'debian'],
    ['mcr.microsoft.com/dotnet/aspnet:8.0-alpine', 'alpine', 'alpine'],
    ['mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled', 'distroless', 'distroless'],
    ['mcr.microsoft.com/dotnet/sdk:8.0-noble', 'debian', 'ubuntu'],
    ['mirror.gcr.io/library/node:20-alpine', 'alpine', 'alpine'],
    ['public.ecr.aws/docker/library/python:3.12-slim', 'debian', 'debian'],
    ['myorg/app:1.2-alpine', 'alpine', 'alpine'],
    ['myorg/app:1.2', 'unknown'],
    ['bitnami/node:20', 'unknown'],
    ['registry.corp/node:20', 'unknown'],
  ];
  for (const [ref, family, distro] of table) {
    it(`${ref} → ${family}${distro ? ` (${distro})` : ''}`, () => {
      const d = describe1(ref);
      assert.equal(d.family, family);
      if (distro) assert.equal(d.distro, distro);
    });
  }
  it('an unresolved reference is unknown', () => {
    assert.equal(describeImage(parseImageRef('${BASE}', undefined)).family, 'unknown');
  });
});

describe('describeImage: minimal images, package managers, shipped tools', () => {
  it('flags RHEL minimal images (microdnf, no useradd)', () => {
    for (const ref of ['redhat/ubi9-minimal', 'registry.access.redhat.com/ubi8/ubi-minimal', 'oraclelinux:9-slim', 'rockylinux:9-minimal', 'mysql:8.4']) {
      const d = describe1(ref);
      assert.equal(d.minimal, true, ref);
      assert.equal(d.packageManager, 'microdnf', ref);
    }
    const micro = describe1('registry.access.redhat.com/ubi9/ubi-micro');
    assert.equal(micro.minimal, true);
    assert.equal(micro.packageManager, undefined);
    for (const ref of ['redhat/ubi9', 'rockylinux:9', 'fedora:40', 'centos:7']) assert.equal(describe1(ref).minimal, false, ref);
  });
  it('names the package manager', () => {
    const pm = (ref: string) => describe1(ref).packageManager;
    assert.equal(pm('alpine:3.20'), 'apk');
    assert.equal(pm('debian:12'), 'apt');
    assert.equal(pm('ubuntu:24.04'), 'apt');
    assert.equal(pm('centos:7'), 'yum');
    assert.equal(pm('amazonlinux:2'), 'yum');
    assert.equal(pm('amazonlinux:2023'), 'dnf');
    assert.equal(pm('amazoncorretto:21'), 'yum');
    assert.equal(pm('amazoncorretto:21-al2023'), 'dnf');
    assert.equal(pm('fedora:40'), 'dnf');
    assert.equal(pm('redhat/ubi9'), 'dnf');
    assert.equal(pm('opensuse/leap:15'), 'zypper');
    assert.equal(pm('cgr.dev/chainguard/wolfi-base'), 'apk');
    assert.equal(pm('busybox:1.36'), undefined);
    assert.equal(pm('gcr.io/distroless/base-debian12'), undefined);
    assert.equal(pm('scratch'), undefined);
  });
  it('knows which official images ship curl and wget', () => {
    const ships = (ref: string) => describe1(ref).ships;
    // buildpack-deps based flavours
    assert.deepEqual(ships('node:20'), { curl: true, wget: true });
    assert.deepEqual(ships('python:3.12-bookworm'), { curl: true, wget: true });
    assert.deepEqual(ships('golang:1.22'), { curl: true, wget: true });
    assert.deepEqual(ships('buildpack-deps:bookworm-curl'), { curl: true, wget: true });
    // slim flavours do not
    assert.deepEqual(ships('node:20-slim'), { curl: false, wget: false });
    assert.deepEqual(ships('python:3.12-slim-bookworm'), { curl: false, wget: false });
    // Alpine: BusyBox wget
    assert.deepEqual(ships('node:20-alpine'), { curl: false, wget: true });
    assert.deepEqual(ships('alpine:3.20'), { curl: false, wget: true });
    assert.deepEqual(ships('busybox'), { curl: false, wget: true });
    // images that install curl themselves
    assert.deepEqual(ships('nginx:1.27'), { curl: true, wget: false });
    assert.deepEqual(ships('nginx:1.27-alpine'), { curl: true, wget: true });
    assert.deepEqual(ships('nginx:1.27-alpine-slim'), { curl: false, wget: true });
    assert.deepEqual(ships('php:8.3-apache'), { curl: true, wget: false });
    // nothing claimed otherwise
    for (const ref of ['debian:12', 'ubuntu:24.04', 'httpd:2.4', 'redhat/ubi9', 'eclipse-temurin:21', 'gcr.io/distroless/static', 'myorg/app:1']) {
      assert.deepEqual(ships(ref), { curl: false, wget: false }, ref);
    }
  });
  it('hasShell by family', () => {
    for (const f of ['alpine', 'busybox', 'debian', 'rhel', 'suse', 'arch', 'wolfi'] as const) assert.equal(hasShell(f), true, f);
    for (const f of ['distroless', 'scratch', 'windows'] as const) assert.equal(hasShell(f), false, f);
    assert.equal(hasShell('unknown'), undefined);
    assert.equal(describe1('gcr.io/distroless/static').shell, false);
    assert.equal(describe1('node:20-alpine').shell, true);
  });
});

describe('baseImageFamily through the FROM chain and ARGs', () => {
  it('a stage built on an earlier stage inherits its family', () => {
    const { model, stage } = finalOf('FROM node:20-alpine AS base\nRUN npm ci\nFROM base AS deps\nFROM deps AS final\nCMD ["node"]');
    assert.equal(baseImageFamily(model, stage), 'alpine');
    assert.equal(baseImage(model, stage).image, 'node:20-alpine');
    assert.equal(baseImage(model, stage).official, 'node');
  });
  it('a stage that only copies from another keeps its own base', () => {
    const { model, stage } = finalOf('FROM golang:1.22 AS build\nRUN go build\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /app /app');
    assert.equal(baseImageFamily(model, stage), 'distroless');
    assert.equal(baseImageFamily(model, model.stages[0]), 'debian');
  });
  it('resolves the image through global ARGs', () => {
    const { model, stage } = finalOf('ARG VARIANT=alpine3.20\nARG NODE=20\nFROM node:${NODE}-${VARIANT}\nCMD ["node"]');
    assert.equal(baseImageFamily(model, stage), 'alpine');
  });
  it('an ARG without a default leaves the family unknown', () => {
    const { model, stage } = finalOf('ARG BASE\nFROM ${BASE}\nCMD ["x"]');
    assert.equal(baseImageFamily(model, stage), 'unknown');
  });
  it('scratch and lower-case keywords', () => {
    const { model, stage } = finalOf('from scratch\ncopy app /app');
    assert.equal(baseImageFamily(model, stage), 'scratch');
  });
});

describe('hasPackageInStage', () => {
  const has = (text: string, pkg: string | string[]) => {
    const { model, stage } = finalOf(text);
    return hasPackageInStage(model, stage, pkg);
  };
  it('apt-get, apk, dnf, yum, microdnf, zypper and pacman installs', () => {
    assert.equal(has('FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates', 'curl'), true);
    assert.equal(has('FROM alpine:3.20\nRUN apk add --no-cache curl', 'curl'), true);
    assert.equal(has('FROM fedora:40\nRUN dnf install -y curl && dnf clean all', 'curl'), true);
    assert.equal(has('FROM centos:7\nRUN yum -y install curl-7.29.0-59.el7.x86_64', 'curl'), true);
    assert.equal(has('FROM redhat/ubi9-minimal\nRUN microdnf install -y shadow-utils', 'shadow-utils'), true);
    assert.equal(has('FROM opensuse/leap:15\nRUN zypper -n install curl', 'curl'), true);
    assert.equal(has('FROM archlinux\nRUN pacman -Syu --noconfirm curl', 'curl'), true);
  });
  it('versions and qualifiers are stripped; alternatives are accepted', () => {
    assert.equal(has('FROM debian:12\nRUN apt-get install -y curl=7.88.1-10+deb12u5', 'curl'), true);
    assert.equal(has('FROM alpine:3.20\nRUN apk add curl~8', 'curl'), true);
    assert.equal(has('FROM fedora:40\nRUN dnf install -y curl-minimal', ['curl', 'curl-minimal']), true);
    assert.equal(has('FROM fedora:40\nRUN dnf install -y java-17-openjdk', 'java'), false);
  });
  it('through sudo, in heredocs, over continuations with comment lines, with the escape directive', () => {
    assert.equal(has('FROM debian:12\nRUN sudo apt-get install -y curl', 'curl'), true);
    assert.equal(has('FROM debian:12\nRUN <<EOF\nset -e\napt-get update\napt-get install -y curl\nEOF', 'curl'), true);
    assert.equal(has('FROM debian:12\nRUN apt-get install -y \\\n# the probe\n    curl \\\n    git', 'curl'), true);
    assert.equal(has('# escape=`\nFROM debian:12\nRUN apt-get install -y `\n    curl', 'curl'), true);
  });
  it('package lists from ARG/ENV are resolved; unknown ones are not guessed', () => {
    assert.equal(has('FROM debian:12\nARG PKGS="git curl"\nRUN apt-get install -y $PKGS', 'curl'), true);
    assert.equal(has('FROM debian:12\nARG PKGS\nRUN apt-get install -y $PKGS', 'curl'), false);
  });
  it('installs in the stages the stage builds on count; other stages do not', () => {
    assert.equal(has('FROM debian:12 AS base\nRUN apt-get install -y curl\nFROM base\nCMD ["x"]', 'curl'), true);
    assert.equal(has('FROM debian:12 AS build\nRUN apt-get install -y curl\nFROM debian:12\nCOPY --from=build /x /x', 'curl'), false);
  });
  it('a later removal, also of an apk --virtual group, takes it out again', () => {
    assert.equal(has('FROM debian:12\nRUN apt-get install -y curl && apt-get purge -y curl', 'curl'), false);
    assert.equal(has('FROM alpine:3.20\nRUN apk add --no-cache --virtual .fetch-deps curl && curl -O x && apk del .fetch-deps', 'curl'), false);
    assert.equal(has('FROM alpine:3.20\nRUN apk add -t .deps curl\nRUN apk del .deps', 'curl'), false);
    assert.equal(has('FROM alpine:3.20\nRUN apk add curl && apk add --virtual .deps curl gcc && apk del .deps', 'curl'), true);
    assert.equal(has('FROM alpine:3.20\nRUN apk add --virtual .deps gcc && apk del .deps && apk add curl', 'curl'), true);
  });
  it('other commands naming the package do not count', () => {
    assert.equal(has('FROM debian:12\nRUN echo curl && apt-get download curl', 'curl'), false);
    assert.equal(has('FROM python:3.12-slim\nRUN pip install curl', 'curl'), false);
    assert.equal(has('FROM debian:12\nRUN apt-get install -y ./curl.deb', 'curl'), false);
  });
  it('packageBaseName', () => {
    assert.equal(packageBaseName('apt-get', 'curl=7.88.1-10'), 'curl');
    assert.equal(packageBaseName('apt-get', 'libssl3:amd64'), 'libssl3');
    assert.equal(packageBaseName('dnf', 'curl-7.61.1-14.el8.x86_64'), 'curl');
    assert.equal(packageBaseName('dnf', 'python3.11'), 'python3.11');
  });
});
