// Calls itself through its own service binding, forever: the depth bound must end the chain.
export default {
  async fetch(request, env) {
    if (!request.url.includes('/attack')) return new Response('ok');
    const depth = Number(request.url.split('?d=')[1] || '0');
    const r = await env.SELF.fetch('https://self.example/attack?d=' + (depth + 1));
    return new Response(await r.text());
  },
};
