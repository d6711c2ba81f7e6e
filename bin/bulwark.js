#!/usr/bin/env node
// `npx bulwark …`: runs the bundled CLI (built by `npm run build`).
require('../dist/cli.js');
