#!/usr/bin/env node
// The published entry of the apiserver CLI: the build writes dist/cli.js.
import "../dist/cli.js";
