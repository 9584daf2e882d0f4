// Status messages (RGAA 7.5): one polite live region in App.vue reads what `announce` puts here.
// The message is cleared first so that the same text said twice is announced twice.
import { nextTick, ref } from 'vue';

export const announcement = ref('');

export function announce(message: string): void {
  announcement.value = '';
  void nextTick(() => {
    setTimeout(() => {
      announcement.value = message;
    }, 50);
  });
}
