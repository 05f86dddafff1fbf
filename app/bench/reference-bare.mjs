// Reference 1: the fastest a Node.js process on this machine answers HTTP at all. Every other
// figure is read as a fraction of this one, which cancels out how busy the machine is.
import { createServer } from 'node:http';

const port = Number(process.env.PORT);
const body = 'ok\n';
createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'text/plain', 'content-length': body.length });
  response.end(body);
}).listen(port, '127.0.0.1', () => {
  process.stdout.write('ready\n');
});
