// How fast this machine's cores are at the moment of a run, to compare runs taken at different times.
/**
 * A yardstick of how fast this machine is right now (other work may share its cores): the CPU time, in
 * microseconds, to JSON.stringify a typical contact event. Runs of a bench taken at different times compare
 * fairly only next to it.
 */
export function stringifyMicros(): number {
  const sample = {
    version: '0',
    id: '0624fd92-af10-4767-8a72-60e28122b0a9',
    'detail-type': 'Amazon Connect Contact Event',
    source: 'aws.connect',
    account: '111122223333',
    time: '2026-01-05T06:01:37Z',
    region: 'us-east-1',
    resources: ['arn:aws:connect:us-east-1:111122223333:instance/75939516-1091-457b-99e9-f896edc3b426'],
    detail: {
      eventType: 'CONNECTED_TO_AGENT',
      contactId: '26616558-a96d-4d6e-81a9-362be958a4b6',
      channel: 'VOICE',
      initiationMethod: 'INBOUND',
      initiationTimestamp: '2026-01-05T00:01:31.752Z',
      queueInfo: {
        queueArn: 'arn:aws:connect:us-east-1:111122223333:instance/x/queue/y',
        queueType: 'STANDARD',
      },
      agentInfo: {
        agentArn: 'arn:aws:connect:us-east-1:111122223333:instance/x/agent/z',
        connectedToAgentTimestamp: 'x',
      },
      tags: { 'aws:connect:instanceId': '75939516-1091-457b-99e9-f896edc3b426' },
    },
  };
  const n = 200_000;
  const c0 = process.cpuUsage();
  let bytes = 0;
  for (let i = 0; i < n; i++) bytes += JSON.stringify(sample).length;
  const cpu = process.cpuUsage(c0);
  return bytes > 0 ? (cpu.user + cpu.system) / n : 0;
}
