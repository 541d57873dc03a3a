/**
 * The built-in demo: a small center (two standard queues, a back office, skills-based routing, a
 * callback option, a disconnect flow) and its `demo` scenario: a working day of voice, chat, tasks and
 * an outbound campaign.
 */
export const DEMO_CENTER_YAML = `
name: demo
instance: { alias: demo-center, account: "111122223333", region: us-east-1 }
phoneNumber: "+15550100100"
queues:
  - name: Sales
  - name: Support
  - name: BackOffice
routingProfiles:
  - name: Sales
    channels: { VOICE: 1, CHAT: 2 }
    queues:
      - { queue: Sales, priority: 1 }
      - { queue: Support, priority: 2, delay: 30 }
  - name: Support
    channels: { VOICE: 1, CHAT: 3, TASK: 1 }
    queues:
      - { queue: Support, priority: 1 }
      - { queue: BackOffice, priority: 2, channels: [TASK] }
agents:
  - { username: sales, count: 6, routingProfile: Sales, hierarchy: [Americas, Sales],
      proficiencies: [ { name: Language, value: English, level: 4 }, { name: Language, value: Spanish, level: 2 } ] }
  - { username: support, count: 8, routingProfile: Support, hierarchy: [Americas, Support, Tier1],
      proficiencies: [ { name: Language, value: English, level: 3 }, { name: Technology, value: Billing, level: 4 } ] }
  - { username: supervisor, routingProfile: Support, hierarchy: [Americas, Support], status: Offline,
      control: manual }
flows:
  - name: Inbound Sales
    durationSeconds: 15
    setAttributes: { line: sales }
    queue: Sales
    disconnectFlow: Survey
    callbackDelaySeconds: 60
  - name: Inbound Support
    durationSeconds: 20
    setAttributes: { line: support }
    contactLens: true
    queue: Support
    routingCriteria:
      - expression: { attributeCondition: { name: Technology, value: Billing, comparisonOperator: NumberGreaterOrEqualTo, proficiencyLevel: 4 } }
        expirySeconds: 30
      - expression:
          orExpression:
            - { attributeCondition: { name: Language, value: English, comparisonOperator: NumberGreaterOrEqualTo, proficiencyLevel: 3 } }
            - { attributeCondition: { name: Language, value: Spanish, comparisonOperator: NumberGreaterOrEqualTo, proficiencyLevel: 2 } }
        expirySeconds: 60
  - name: Chat
    durationSeconds: 8
    setSegmentAttributes: { "connect:Subtype": "connect:Chat" }
    queue: Support
  - name: Back Office
    durationSeconds: 2
    setTags: { Dept: Operations }
    queue: BackOffice
  - name: Campaign
    durationSeconds: 1
    queue: Sales
  - name: Transfer to Support
    durationSeconds: 3
    queue: Support
  - name: Closed
    durationSeconds: 10
    disconnect: true
  - name: Survey
    durationSeconds: 1
    disconnect: true
    createTask: { name: Post-call survey follow-up, flow: Back Office }
`;

export const DEMO_SCENARIO_YAML = `
name: demo
center: demo
seed: 7
profiles:
  business: [0.1, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 1, 1.6, 2, 2, 1.8, 1.5, 1.8, 2, 1.8, 1.5, 1, 0.6, 0.4, 0.3, 0.2, 0.1, 0.1]
arrivals:
  - { channel: VOICE, flow: Inbound Sales, perHour: 40, profile: business }
  - { channel: VOICE, flow: Inbound Support, perHour: 30, profile: business }
  - { channel: CHAT, flow: Chat, perHour: 25, profile: business }
  - { channel: TASK, flow: Back Office, perHour: 8, scheduled: 0.3, scheduleAheadMinutes: 90, reschedule: 0.2 }
campaigns:
  - campaignId: spring-offer
    flow: Campaign
    perHour: 15
    profile: business
    amdDisabled: 0.1
    failures: 0.03
    failureReasons: { OUTBOUND_DESTINATION_ENDPOINT_ERROR: 1, OUTBOUND_RESOURCE_ERROR: 1, OUTBOUND_ATTEMPT_FAILED: 1, EXPIRED: 1 }
    amd: { HUMAN_ANSWERED: 55, VOICEMAIL_BEEP: 12, VOICEMAIL_NO_BEEP: 5, AMD_UNANSWERED: 8, AMD_UNRESOLVED: 3,
           AMD_UNRESOLVED_SILENCE: 2, AMD_NOT_APPLICABLE: 2, SIT_TONE_BUSY: 4, SIT_TONE_INVALID_NUMBER: 3,
           SIT_TONE_DETECTED: 2, FAX_MACHINE_DETECTED: 2, AMD_ERROR: 2 }
agentOutbound: { perHour: 4, profile: business }
handling:
  VOICE: { talk: { lognormal: { mean: 240, sd: 150 } }, acw: { exponential: 30 }, patience: { exponential: 150 },
           hold: { probability: 0.2, duration: { exponential: 40 } } }
  CHAT: { talk: { lognormal: { mean: 500, sd: 300 } }, acw: { exponential: 20 }, patience: { exponential: 300 } }
  TASK: { talk: { lognormal: { mean: 400, sd: 200 } }, acw: { exponential: 15 },
          pause: { probability: 0.2, duration: { exponential: 300 }, maxPauses: 3 } }
mix:
  transfer: { probability: 0.05, flow: Transfer to Support }
  callback: 0.3
  callbackAnswered: 0.85
  flowAbandon: 0.05
  monitor: 0.02
  externalOutbound: 0.01
schedules:
  - { agents: sales, shifts: [["07:00", "19:00"]] }
  - { agents: support, shifts: [["06:00", "22:00"]] }
`;

/** Built-in centers and scenarios by name. */
export const BUILT_IN_CENTERS: Record<string, string> = { demo: DEMO_CENTER_YAML };
export const BUILT_IN_SCENARIOS: Record<string, string> = { demo: DEMO_SCENARIO_YAML };
