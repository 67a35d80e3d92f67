import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';
import { packageOptions } from '../../tsup.base';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};

export default defineConfig(packageOptions({ define: { __WBAPI_VERSION__: JSON.stringify(version) } }));
