import { afterEach, describe, expect, it, vi } from 'vitest';
import { startEarlyPurchaseRequest, takeEarlyPurchaseResponse } from './earlyRequest';
import { fetchPurchase } from './purchaseApi';

const SESSION = 'cs_test_a1EarlyRequest0123456789abcdef';

afterEach(() => {
  vi.unstubAllGlobals();
  takeEarlyPurchaseResponse(SESSION);
});

describe('the early purchase request', () => {
  it('asks once, and the page takes that answer instead of asking again', async () => {
    const fetchMock = vi.fn(async (_url: string) =>
      Response.json({ error: { code: 'not_found', message: 'No such purchase' } }, { status: 404 }),
    );
    vi.stubGlobal('fetch', fetchMock);
    startEarlyPurchaseRequest(`?session_id=${SESSION}`);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(fetchMock.mock.calls[0]?.[0]).toBe(`/api/purchases/${SESSION}`);
    expect(await fetchPurchase(SESSION)).toEqual({ kind: 'not-found' });
    expect(fetchMock).toHaveBeenCalledTimes(1);
    // Taken once: the next question (a retry) goes to the network.
    await fetchPurchase(SESSION);
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('sends nothing for an address without a well-formed session id', () => {
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    for (const search of ['', '?session_id=', '?session_id=pi_123', '?session_id=cs_test_<x>'])
      startEarlyPurchaseRequest(search);
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('never hands one session the answer for another', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(null, { status: 404 })),
    );
    startEarlyPurchaseRequest(`?session_id=${SESSION}`);
    expect(takeEarlyPurchaseResponse('cs_test_someoneElse0123456789')).toBeNull();
    expect(takeEarlyPurchaseResponse(SESSION)).not.toBeNull();
  });
});
