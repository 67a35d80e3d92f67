// The README demo. It will start @wbapi/server with demo data and tour the client against it;
// until the server and client land (issues 3-5), it says so instead of pretending.
import { VERSION as clientVersion } from '@wbapi/node';
import { VERSION as serverVersion } from '@wbapi/server';

console.log(`wbapi demo (client ${clientVersion}, server ${serverVersion})`);
console.log('The local server and the client are not implemented yet: nothing to tour.');
console.log('Follow the open issues, or run the tests: bash scripts/setup.sh && pnpm test:all');
