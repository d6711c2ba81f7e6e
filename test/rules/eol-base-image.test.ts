import rule from '../../server/core/rules/dockerfile/eol-base-image';
import { ruleTester } from '../helpers/rule-tester';

const D = 'sha256:4d3c4b1b3bbf4b2b0d1f6c2b8a2f0e6c1b7a9e3d5f0c2a4b6d8e0f1a3c5e7b9d';
const at = (now: string) => ({ now });
const today = at('2026-11-22');

ruleTester(rule, {
  valid: [
    { name: 'supported release', code: 'FROM node:24-alpine\nCMD ["node"]', options: today },
    { name: 'before its end-of-life date', code: 'FROM node:20-alpine', options: at('2026-04-29') },
    { name: 'supported distro', code: 'FROM debian:bookworm-slim\nFROM ubuntu:24.04\nFROM alpine:3.22', options: today },
    { name: 'moving tags are not judged', code: 'FROM node:lts\nFROM python:3\nFROM nginx:stable-alpine\nFROM golang:1', options: today },
    { name: 'no tag (latest) of a maintained image', code: 'FROM python', options: today },
    { name: 'unknown images are not judged', code: 'FROM registry.corp:5000/node:12\nFROM gcr.io/distroless/nodejs18-debian11', options: today },
    { name: 'prefix matching is per component', code: 'FROM python:3.11-slim\nFROM alpine:3.22.1\nFROM node:240', options: today },
    { name: 'OpenJDK early-access tags', code: 'FROM openjdk:26-ea-jdk-slim', options: today },
    { name: 'ARG without default', code: 'ARG NODE\nFROM node:${NODE}', options: today },
    { name: 'scratch and stage references', code: 'FROM node:24 AS build\nFROM build\nFROM scratch', options: today },
    { name: 'supported distro suffix', code: 'FROM python:3.12-slim-bookworm\nFROM node:22-alpine3.22', options: today },
  ],
  invalid: [
    {
      code: 'FROM node:16-alpine\nCMD ["node"]',
      options: today,
      errors: [{ line: 1, column: 11, endColumn: 20, message: 'Base image `node:16-alpine` is past end of life: Node.js 16 (gallium) reached end of life on 2023-09-11; node:24-alpine is supported.' }],
      output: 'FROM node:24-alpine\nCMD ["node"]',
      fixTitles: ['Replace node:16-alpine with node:24-alpine'],
    },
    {
      name: 'on the end-of-life day itself',
      code: 'FROM node:20.11.1-bookworm-slim',
      options: at('2026-04-30'),
      errors: [{ line: 1, column: 11, endColumn: 32, message: /Node\.js 20 \(iron\) reached end of life on 2026-04-30/ }],
      output: 'FROM node:24-bookworm-slim',
    },
    {
      name: 'distro suffix past end of life',
      code: 'FROM python:3.12-slim-bullseye AS build\nRUN pip wheel .',
      options: today,
      errors: [{ line: 1, column: 13, endColumn: 31, message: 'Base image `python:3.12-slim-bullseye` is built on Debian 11 (bullseye), which reached end of life on 2026-08-31; use python:3.12-slim.' }],
      output: 'FROM python:3.12-slim AS build\nRUN pip wheel .',
    },
    {
      name: 'release and suffix both old: the release, with the suffix dropped',
      code: 'FROM --platform=$BUILDPLATFORM ruby:2.7-slim-buster AS gems',
      options: today,
      errors: [{ line: 1, column: 37, message: /Ruby 2\.7 reached end of life on 2023-03-31; ruby:3\.4-slim is supported/ }],
      output: 'FROM --platform=$BUILDPLATFORM ruby:3.4-slim AS gems',
    },
    {
      name: 'debian codename keeps its style',
      code: 'FROM debian:stretch-slim\r\nRUN true\r\n',
      options: today,
      errors: [{ line: 1, column: 13, endColumn: 25, message: /Debian 9 \(stretch\) reached end of life on 2022-06-30/ }],
      output: 'FROM debian:bookworm-slim\r\nRUN true\r\n',
    },
    { name: 'ubuntu number', code: 'FROM ubuntu:20.04', options: today, errors: [{ line: 1, column: 13, message: /Ubuntu 20\.04 LTS \(focal\)/ }], output: 'FROM ubuntu:24.04' },
    {
      name: 'centos: another image',
      code: 'FROM centos:7\nRUN yum install -y httpd',
      options: today,
      errors: [{ line: 1, column: 13, endColumn: 14, message: /CentOS Linux 7 reached end of life on 2024-06-30; almalinux:8 is supported/ }],
      output: 'FROM almalinux:8\nRUN yum install -y httpd',
      fixTitles: ['Replace centos:7 with almalinux:8'],
    },
    { name: 'centos without a tag is centos 8', code: 'FROM centos', options: today, errors: [{ line: 1, column: 6, endColumn: 12, message: /CentOS Linux 8/ }], output: 'FROM almalinux:8' },
    {
      name: 'openjdk to temurin with the jre variant',
      code: 'FROM openjdk:11-jre-slim',
      options: today,
      errors: [{ line: 1, column: 14, message: /OpenJDK \(Docker Official Image\) 11/ }],
      output: 'FROM eclipse-temurin:11-jre',
    },
    {
      name: 'tag from an ARG default: reported on the FROM, no automatic fix (the value is written elsewhere)',
      code: 'ARG NODE_VERSION=16\nFROM node:${NODE_VERSION}-alpine\nRUN node -v',
      options: today,
      errors: [{ line: 2, column: 6, endColumn: 33, message: /`node:\$\{NODE_VERSION\}-alpine` \(`node:16-alpine`\) is past end of life.*node:24-alpine is supported/ }],
      output: null,
    },
    {
      name: 'whole reference from a quoted ARG default',
      code: 'ARG BASE="postgres:9.6-alpine"\nFROM ${BASE}',
      options: today,
      errors: [{ line: 2, column: 6, message: /PostgreSQL 9\.6/ }],
      output: null,
    },
    {
      name: 'inline default in the FROM word',
      code: 'FROM ${BASE:-python:3.8-slim}',
      options: today,
      errors: [{ line: 1, column: 6, endColumn: 30, message: /Python 3\.8 reached end of life on 2024-10-07/ }],
      output: 'FROM ${BASE:-python:3.11-slim}',
    },
    {
      name: 'pinned by digest: no fix (the digest would keep the old image)',
      code: `FROM golang:1.20@${D} AS build`,
      options: today,
      errors: [{ line: 1, column: 13, endColumn: 17, message: /Go 1\.20 reached end of life on 2024-02-06; golang:1 is supported/ }],
      output: null,
    },
    {
      name: 'escape directive and continuation',
      code: '# escape=`\nFROM `\n  php:7.4-fpm-alpine3.16',
      options: today,
      errors: [{ line: 3, column: 7, endColumn: 25, message: /PHP 7\.4/ }],
      output: '# escape=`\nFROM `\n  php:8.3-fpm-alpine',
    },
    {
      name: 'every stage; mirrors of official images',
      code: 'FROM public.ecr.aws/docker/library/node:14 AS a\nFROM mysql:5.7\nFROM a',
      options: today,
      errors: [{ line: 1, column: 41, message: /Node\.js 14/ }, { line: 2, column: 12, message: /MySQL 5\.7/ }],
      output: 'FROM public.ecr.aws/docker/library/node:24 AS a\nFROM mysql:5.7\nFROM a',
    },
    { name: 'alpine suffix', code: 'FROM nginx:stable-alpine3.17', options: today, errors: [{ line: 1, column: 12, message: /Alpine Linux 3\.17/ }], output: 'FROM nginx:stable-alpine' },
  ],
});
