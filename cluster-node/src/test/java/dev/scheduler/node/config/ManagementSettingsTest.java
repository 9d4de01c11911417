package dev.scheduler.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With no settings, management is off and the node joins by seed nodes (or founds its own cluster),
 * as before management existed; bootstrap through Kubernetes turns management on and excludes seed
 * nodes.
 */
class ManagementSettingsTest {

  @Test
  void offByDefaultAndTheSeedNodeJoinStays() {
    NodeSettings settings = NodeSettings.from(node(Map.of()));
    assertThat(settings.management().enabled()).isFalse();
    assertThat(settings.management().bootstrap()).isEqualTo(ManagementSettings.Bootstrap.SEED_NODES);
    assertThat(settings.foundsItsOwnCluster()).isTrue();
  }

  @Test
  void kubernetesBootstrapTurnsManagementOnAndDoesNotJoinItself() {
    NodeSettings settings = NodeSettings.from(node(Map.of("scheduler.management.cluster-bootstrap", "kubernetes")));
    assertThat(settings.management().enabled()).isTrue();
    assertThat(settings.management().bootstrapsFromKubernetes()).isTrue();
    assertThat(settings.foundsItsOwnCluster()).isFalse();
  }

  @Test
  void kubernetesBootstrapRefusesSeedNodes() {
    assertThatThrownBy(() -> NodeSettings.from(node(Map.of(
        "scheduler.management.cluster-bootstrap", "kubernetes", "scheduler.seed-nodes", "10.0.0.1:25520"))))
        .hasMessageContaining("SCHEDULER_SEED_NODES");
  }

  @Test
  void anUnknownBootstrapIsRefused() {
    assertThatThrownBy(() -> NodeSettings.from(node(Map.of("scheduler.management.cluster-bootstrap", "dns"))))
        .hasMessageContaining("SCHEDULER_CLUSTER_BOOTSTRAP");
  }

  @Test
  void managementFollowsTheRemotingHostAndListensOn8558() {
    Config config = node(Map.of());
    assertThat(config.getInt("pekko.management.http.port")).isEqualTo(8558);
    assertThat(config.getString("pekko.management.http.hostname"))
        .isEqualTo(config.getString("pekko.remote.artery.canonical.hostname"));
  }

  private static Config node(Map<String, Object> overrides) {
    return ConfigFactory.parseMap(overrides)
        .withFallback(ConfigFactory.defaultApplication())
        .withFallback(ConfigFactory.defaultReference())
        .resolve();
  }
}
