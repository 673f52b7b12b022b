import { NextResponse, type NextRequest } from 'next/server'
import { actionBodyProblem, actionContentProblem } from '@/lib/http/action-body'

const refusal = { tooLarge: 413, notText: 415, malformed: 400 } as const

export async function proxy(request: NextRequest) {
  const problem = actionContentProblem(request.headers.get('content-type')) ?? actionBodyProblem(new Uint8Array(await request.arrayBuffer()))
  if (problem) return new NextResponse(`${problem}\n`, { status: refusal[problem], headers: { 'content-type': 'text/plain; charset=utf-8' } })
  return NextResponse.next()
}

export const config = {
  matcher: [{ source: '/:path*', has: [{ type: 'header', key: 'next-action' }] }],
}
