import type { MaxSocket } from '@max/rig-channels';
import type { HttpCore } from '../core/http-core.js';

/** The channels library, loaded on first use so REST-only programs never load `phoenix` and `ws`. @internal */
export type ChannelsModule = typeof import('@max/rig-channels');

let channelsModule: Promise<ChannelsModule> | undefined;

/** @internal */
export function loadChannels(): Promise<ChannelsModule> {
  channelsModule ??= import('@max/rig-channels');
  return channelsModule;
}

/**
 * Opens a socket to the client's platform with the client's credential: the same token provider is asked on
 * every (re)connect, and the token travels in the `authToken` subprotocol, never in the URL.
 *
 * @internal
 */
export async function openSocket(core: HttpCore): Promise<{ socket: MaxSocket; channels: ChannelsModule }> {
  const channels = await loadChannels();
  const token = core.tokenSource ?? '';
  const socket = new channels.MaxSocket({ url: channels.toSocketEndpoint(core.apiUrl), token });
  return { socket, channels };
}
