/**
 * `nailgun orchestrator`: runs the simulated orchestrator as its own process on RabbitMQ (the
 * Astute side of the protocol, on the original `naily` / `nailgun` exchanges), for servers started
 * with `--orchestrator amqp`. It keeps running when API servers restart, and several API servers
 * can share it.
 */
import { Command } from 'commander'
import { loadConfig } from '../config.js'
import { runOrchestratorWorker } from '../orchestrator/index.js'
import { addSettingOptions, toConfigFlags } from './options.js'

export function orchestratorCommand(): Command {
  const command = new Command('orchestrator').description(
    'run the simulated orchestrator on RabbitMQ until SIGINT/SIGTERM (for --orchestrator amqp)',
  )
  const attributes = addSettingOptions(command, ['amqpUrl', 'simulatorStepMs', 'logLevel'])
  return command.action(async () => {
    await runOrchestratorWorker(loadConfig(toConfigFlags(command.opts(), attributes)))
  })
}
