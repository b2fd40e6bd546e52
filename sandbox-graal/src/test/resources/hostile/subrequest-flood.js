// Fires subrequests as fast as it can, without awaiting them: a flood the subrequest limit must end.
export default {
  async fetch(request) {
    if (!request.url.endsWith('/attack')) return new Response('ok');
    const pending = [];
    for (let i = 0; i < 100000; i++) {
      pending.push(fetch('https://victim.example/' + i).catch(() => null));
    }
    await Promise.all(pending);
    return new Response('flood finished');
  },
};
