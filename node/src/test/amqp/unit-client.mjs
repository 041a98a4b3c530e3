// A customs unit's client over AMQP 1.0 (rhea), run by the node's integration tests.
//
//   node unit-client.mjs HOST PORT CA_FILE USER PASSWORD receive ADDRESS COUNT TIMEOUT_MS
//       takes COUNT messages off ADDRESS, prints each body on a line of its own, accepts each; exit 2 on timeout
//   node unit-client.mjs HOST PORT CA_FILE USER PASSWORD send ADDRESS BODY CORRELATION_ID
//       sends one text message; exit 0 once the node accepted it
//   node unit-client.mjs HOST PORT CA_FILE USER PASSWORD attach ADDRESS
//       tries to read ADDRESS; prints "attached" or "refused: <why>"
// A connection or login the node refuses prints "refused: <why>" and exits 3.
import fs from 'node:fs';
import rhea from 'rhea';

const [host, port, caFile, username, password, command, address, ...rest] = process.argv.slice(2);
const container = rhea.create_container({ id: `unit-${username}-${process.pid}` });
const connection = container.connect({
  host, port: Number(port), transport: 'tls', ca: [fs.readFileSync(caFile)],
  username, password, reconnect: false, idle_time_out: 10000,
});

function finish(code, line) {
  if (line) console.log(line);
  connection.close();
  setTimeout(() => process.exit(code), 200);
}

connection.on('connection_error', (context) => finish(3, `refused: ${describe(context.connection.error)}`));
connection.on('disconnected', (context) => {
  if (context.error) finish(3, `refused: ${context.error.message ?? context.error}`);
});

function describe(error) {
  return error ? `${error.condition ?? ''} ${error.description ?? error.message ?? ''}`.trim() : 'unknown';
}

if (command === 'receive') {
  const [count, timeoutMs] = rest.map(Number);
  let received = 0;
  const receiver = connection.open_receiver({ source: { address }, autoaccept: false, credit_window: 10 });
  receiver.on('message', (context) => {
    const body = context.message.body;
    console.log(typeof body === 'string' ? body : Buffer.from(body.content ?? body).toString('utf8'));
    context.delivery.accept();
    received += 1;
    if (received >= count) finish(0);
  });
  receiver.on('receiver_error', (context) => finish(3, `refused: ${describe(context.receiver.error)}`));
  setTimeout(() => finish(2, `timeout: ${received} of ${count}`), timeoutMs);
} else if (command === 'send') {
  const [body, correlationId] = rest;
  const sender = connection.open_sender({ target: { address } });
  sender.once('sendable', () => sender.send({ body, correlation_id: correlationId, durable: true }));
  sender.on('accepted', () => finish(0, 'accepted'));
  sender.on('rejected', (context) => finish(3, `refused: ${describe(context.delivery.remote_state?.error)}`));
  sender.on('sender_error', (context) => finish(3, `refused: ${describe(context.sender.error)}`));
  setTimeout(() => finish(2, 'timeout'), 15000);
} else if (command === 'attach') {
  const receiver = connection.open_receiver({ source: { address }, credit_window: 0 });
  // The broker answers the attach first and refuses the link right after, so wait a moment before saying yes.
  receiver.on('receiver_open', () => setTimeout(() => finish(0, 'attached'), 1000));
  receiver.on('receiver_error', (context) => finish(3, `refused: ${describe(context.receiver.error)}`));
  setTimeout(() => finish(2, 'timeout'), 15000);
} else {
  finish(1, `unknown command ${command}: receive, send or attach`);
}
