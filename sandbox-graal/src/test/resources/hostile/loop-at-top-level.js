// Never finishes its top level: stopped by the startup CPU limit at deploy.
while (true) {}
export default { fetch() { return new Response('unreachable'); } };
