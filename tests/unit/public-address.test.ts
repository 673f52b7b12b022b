import { describe, expect, it } from 'vitest'
import { isServedOverHttps, listeningAddress, publicAddress, publicAddressNotice } from '@/lib/http/public-address'
import { verificationUrl } from '@/lib/pdf/documents'

const interfaces = {
  lo: [{ address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4', mac: '', internal: true, cidr: null }],
  eth0: [
    { address: 'fe80::1', netmask: 'ffff:ffff:ffff:ffff::', family: 'IPv6', mac: '', internal: false, cidr: null, scopeid: 2 },
    { address: '10.0.4.17', netmask: '255.255.255.0', family: 'IPv4', mac: '', internal: false, cidr: null },
  ],
} as const satisfies Parameters<typeof listeningAddress>[2]

describe('The QR codes open the address the server listens on unless APP_URL says otherwise (issue 15)', () => {
  it.each([
    { label: 'the default: 127.0.0.1:3000', env: {}, address: 'http://localhost:3000' },
    { label: 'another port', env: { PORT: '3500' }, address: 'http://localhost:3500' },
    {
      label: 'a named host and port',
      env: { HOST: 'tirkeu.clinic.lan', PORT: '8080' },
      address: 'http://tirkeu.clinic.lan:8080',
    },
    {
      label: 'an address on the clinic network',
      env: { HOST: '192.168.1.20', PORT: '3000' },
      address: 'http://192.168.1.20:3000',
    },
    { label: 'IPv6 loopback', env: { HOST: '::1', PORT: '3000' }, address: 'http://localhost:3000' },
    { label: 'port 80 is left out', env: { HOST: 'tirkeu.lan', PORT: '80' }, address: 'http://tirkeu.lan' },
    {
      label: 'APP_URL wins over the listening address',
      env: { APP_URL: 'https://tirkeu.example', PORT: '3500' },
      address: 'https://tirkeu.example',
    },
  ])('$label', ({ env, address }) => {
    expect(publicAddress(env)).toBe(address)
    expect(verificationUrl('7K3M9QX2TB', publicAddress(env))).toBe(`${address}/verify/7K3M9QX2TB`)
  })

  it('a server on every interface is reached at its first external IPv4 address, else localhost', () => {
    expect(listeningAddress('0.0.0.0', 3000, interfaces)).toBe('http://10.0.4.17:3000')
    expect(listeningAddress('::', 3000, interfaces)).toBe('http://10.0.4.17:3000')
    expect(listeningAddress('0.0.0.0', 3000, { lo: interfaces.lo })).toBe('http://localhost:3000')
    expect(listeningAddress('fd00::5', 3000)).toBe('http://[fd00::5]:3000')
  })

  it('only APP_URL on https makes the server HTTPS; a derived address never does', () => {
    expect(isServedOverHttps({ APP_URL: 'https://tirkeu.example' })).toBe(true)
    expect(isServedOverHttps({ APP_URL: 'http://tirkeu.example' })).toBe(false)
    expect(isServedOverHttps({ HOST: 'tirkeu.lan', PORT: '443' })).toBe(false)
  })

  it('the start-up line says where the QR codes point and where that comes from', () => {
    expect(publicAddressNotice({ APP_URL: 'https://tirkeu.example' })).toBe(
      'QR codes and verification links open https://tirkeu.example (APP_URL)',
    )
    expect(publicAddressNotice({ PORT: '3500' })).toContain('open http://localhost:3500 (the address this server listens on;')
    // Behind a proxy the listening address is not what people reach: the line says to set APP_URL.
    expect(publicAddressNotice({ PORT: '3000', TRUSTED_PROXIES: '127.0.0.1' })).toContain(
      'behind a proxy, set APP_URL to the public address',
    )
  })
})
