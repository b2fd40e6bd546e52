// Builds a large JSON document, then parses it, repeatedly.
export default { fetch(req) {
  if (req.url.endsWith('/attack')) {
    const keep = [];
    const doc = '[' + '{"a":[1,2,3],"b":"xxxxxxxxxxxxxxxx"},'.repeat(200000) + '0]';
    for (;;) keep.push(JSON.parse(doc));
  }
  return new Response('ok');
} };
